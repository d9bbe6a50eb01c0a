/**
 * Own weights of resolvers that do far more work than reading a row, declared where the resolver is
 * (`@Query(() => T, { complexity: COST_WEIGHT.REPORT })`). Every other field weighs 1. The limit
 * they are measured against is GRAPHQL_MAX_COST (default 5000); see operation-cost.ts.
 */
export const COST_WEIGHT = {
  /** A COUNT over the connection's whole filter, once per connection. */
  TOTAL_COUNT: 10,
  /** A filtered search or aggregate over one organization's data (placement search, audit log, a fulfilment table). */
  SEARCH: 50,
  /** An aggregate report over a region, a sector or the whole country (dashboards, compliance overview). */
  REPORT: 500,
  /** The adverse-impact audit: per-group statistics with exact tests over every proposal of a period. */
  AUDIT: 1000,
} as const;

/**
 * Field extension marking the list of a connection (`edges`): what is under it is counted once per
 * item of the page, the page size being the `first` of the connection (see operation-cost.ts).
 */
export const PAGE_ITEMS = 'pageItems';
