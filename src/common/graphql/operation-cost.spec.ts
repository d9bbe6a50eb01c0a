import { Kind, type OperationDefinitionNode, buildSchema, getVariableValues, parse } from 'graphql';
import { PAGE_ITEMS } from './cost-weights';
import { analyzeOperation } from './operation-cost';

const schema = buildSchema(`
  type Query {
    placements(first: Int, after: String): PlacementConnection!
    report(first: Int): Report!
    overview: Int!
    me: User
  }
  type Report { total: Int!, students: StudentConnection }
  type User { id: ID!, organization: Organization! }
  type Organization { id: ID!, users(first: Int): UserConnection!, branches: [Branch!]! }
  type Branch { city: String! }
  type PageInfo { hasNextPage: Boolean! }
  type PlacementConnection { edges: [PlacementEdge!]!, pageInfo: PageInfo!, totalCount: Int! }
  type PlacementEdge { node: Placement!, cursor: String! }
  type Placement { id: ID!, title: String!, organization: Organization! }
  type UserConnection { edges: [UserEdge!]!, totalCount: Int! }
  type UserEdge { node: User! }
  type StudentConnection { edges: [StudentEdge!]! }
  type StudentEdge { node: Student! }
  type Student { id: ID! }
`);
// What @Field({ complexity }) and @Extensions() put on the fields of the code-first schema.
for (const name of ['PlacementConnection', 'UserConnection', 'StudentConnection']) {
  const fields = (schema.getType(name) as import('graphql').GraphQLObjectType).getFields();
  Object.assign(fields.edges.extensions, { [PAGE_ITEMS]: true });
  if (fields.totalCount) Object.assign(fields.totalCount.extensions, { complexity: 10 });
}
Object.assign(schema.getQueryType()!.getFields().overview.extensions, { complexity: 500 });
Object.assign(schema.getQueryType()!.getFields().report.extensions, { complexity: 500 });

const analyze = (source: string, variables: Record<string, unknown> = {}) => {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return analyzeOperation(schema, document, operation, coerced!);
};
const costOf = (source: string, variables?: Record<string, unknown>) => analyze(source, variables).cost;

describe('analyzeOperation', () => {
  it.each([
    // placements 1 + edges per item (1 + node 1 + title 1) × 20 (default page)
    ['{ placements { edges { node { title } } } }', 1 + 20 * 3],
    ['{ placements(first: 5) { edges { node { title } } } }', 1 + 5 * 3],
    // pageInfo and totalCount once per connection, not per item
    ['{ placements(first: 5) { totalCount pageInfo { hasNextPage } edges { cursor } } }', 1 + 10 + 2 + 5 * 2],
    // a nested connection multiplies again
    ['{ placements(first: 10) { edges { node { organization { users(first: 10) { edges { node { id } } } } } } } }', 1 + 10 * (1 + 1 + 1 + 1 + 10 * 3)],
    // an unpaged list counts once
    ['{ me { organization { branches { city } } } }', 4],
    // declared weights
    ['{ overview }', 500],
    ['{ a: overview b: overview }', 1000],
    // the page size of a report applies to the connection inside it
    ['{ report(first: 50) { total students { edges { node { id } } } } }', 500 + 1 + 1 + 50 * 3],
    ['{ report { students { edges { node { id } } } } }', 500 + 1 + 20 * 3],
    // introspection costs nothing, __typename 1
    ['{ __schema { types { name } } __typename }', 1],
    // skipped fields cost nothing
    ['{ overview @skip(if: true) me @include(if: false) { id } }', 0],
  ])('%s costs %d', (source, cost) => {
    expect(costOf(source)).toBe(cost);
  });

  it('reads page sizes and @skip from variables', () => {
    expect(costOf('query($n: Int) { placements(first: $n) { edges { node { id } } } }', { n: 100 })).toBe(1 + 100 * 3);
    expect(costOf('query($n: Int) { placements(first: $n) { edges { node { id } } } }', {})).toBe(1 + 20 * 3);
    expect(costOf('query($s: Boolean!) { overview @skip(if: $s) }', { s: true })).toBe(0);
  });

  it('costs fragments as if expanded, inline or named', () => {
    const expanded = costOf('{ placements(first: 5) { edges { node { id title } } } }');
    expect(costOf('{ placements(first: 5) { ...P } } fragment P on PlacementConnection { edges { node { ... on Placement { id title } } } }')).toBe(expanded);
    expect(costOf('{ placements(first: 5) { edges { node { ...A ...A } } } } fragment A on Placement { id title }')).toBe(1 + 5 * (1 + 1 + 4));
  });

  it('costs a fragment explosion by its expansion, costing each fragment once', () => {
    const levels = Array.from({ length: 40 }, (_, n) => `fragment F${n + 1} on User { ...F${n + 2} ...F${n + 2} }`);
    const source = ['{ me { ...F1 } }', ...levels, 'fragment F41 on User { id }'].join('\n');
    expect(costOf(source)).toBe(1 + 2 ** 40);
  });

  it.each([
    ['{ placements(first: 0) { totalCount } }', 'placements.first'],
    ['{ placements(first: -1) { totalCount } }', 'placements.first'],
    ['{ p: placements(first: 101) { totalCount } }', 'p.first'],
    ['{ me { organization { users(first: -100) { totalCount } } } }', 'me.organization.users.first'],
    ['{ me { ...U } } fragment U on User { organization { users(first: 0) { totalCount } } }', '...U.organization.users.first'],
  ])('reports %s as a bad page size at %s', (source, path) => {
    expect(analyze(source).pageSizeProblems).toEqual([{ path, message: 'first must be between 1 and 100' }]);
  });

  it('accepts page sizes 1 and 100, from literals or variables', () => {
    expect(analyze('{ a: placements(first: 1) { totalCount } b: placements(first: 100) { totalCount } }').pageSizeProblems).toEqual([]);
    expect(analyze('query($n: Int) { placements(first: $n) { totalCount } }', { n: -5 }).pageSizeProblems).toEqual([
      { path: 'placements.first', message: 'first must be between 1 and 100' },
    ]);
  });
});
