import { type Type } from '@nestjs/common';
import { ArgsType, Extensions, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { SelectQueryBuilder, ObjectLiteral, QueryRunner } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { hydrateRow, poolOf, preparedQuery, storedColumns } from '../../database/prepared-queries';
import { BadUserInputError } from '../errors/domain-errors';
import { COST_WEIGHT, PAGE_ITEMS } from './cost-weights';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Relay connection arguments: `first`/`after` pages forward, `last`/`before` backward. Cursors are
 * keyset cursors (the sort key and the id of the row, opaque): the next page starts after that row
 * whatever was inserted or deleted meanwhile, so a page never repeats or skips a row.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size forward, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'The endCursor of the previous page: the rows after it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string;

  @Field(() => Int, { nullable: true, description: `Page size backward (the rows just before \`before\`, or the last ones), 1–${MAX_PAGE_SIZE}` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field({ nullable: true, description: 'The startCursor of the next page: the rows before it' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  before?: string;
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending; ties are broken by the id in the same direction',
  valuesMap: { ASC: { description: 'Smallest (earliest, A) first' }, DESC: { description: 'Largest (latest, Z) first' } },
});

/** Declares the GraphQL enum `name` of sortable fields, each value described. */
export function sortFields<const K extends string>(name: string, description: string, fields: Record<K, string>): { [V in K]: V } {
  type V = K;
  const values = Object.fromEntries(Object.keys(fields).map((key) => [key, key])) as { [V in K]: V };
  registerEnumType(values, {
    name,
    description,
    valuesMap: Object.fromEntries(Object.entries(fields).map(([key, text]) => [key, { description: text as string }])) as Partial<Record<V, { description: string }>>,
  });
  return values;
}

/** `orderBy: { field, direction }` for a connection whose fields are the enum `fields`. */
export function OrderByInput<F extends string>(name: string, fields: Record<string, F>, defaultDirection = SortDirection.ASC): Type<{ field: F; direction: SortDirection }> {
  @InputType(name, { description: `How to sort; ties are broken by the id (stable pages)` })
  class OrderBy {
    @Field(() => fields, { description: 'What to sort by' })
    @IsEnum(fields)
    field: F;

    @Field(() => SortDirection, { defaultValue: defaultDirection, description: 'Ascending or descending' })
    @IsOptional()
    @IsEnum(SortDirection)
    direction: SortDirection = defaultDirection;
  }
  return OrderBy;
}

@ObjectType({ description: 'Relay page info' })
export class PageInfo {
  @Field({ description: 'More rows follow endCursor (pass it as `after`)' })
  hasNextPage: boolean;

  @Field({ description: 'More rows precede startCursor (pass it as `before`)' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first edge on this page; null when the page is empty' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge on this page; null when the page is empty' })
  endCursor: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares the Relay connection type `<Name>Connection` (with `<Name>Edge`) for a node type. */
export function ConnectionType<T>(nodeType: Type<T>, name = nodeType.name.replace(/Model$/, '')): Type<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} on a page, with its cursor` })
  class EdgeType {
    @Field(() => nodeType, { description: `The ${name}` })
    node: T;

    @Field({ description: 'Where this row is in the ordering (a keyset cursor: it never shifts under inserts); pass it as `after` or `before`' })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} rows (a Relay connection)` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The rows of this page, in order' })
    @Extensions({ [PAGE_ITEMS]: true })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more pages follow or precede, and their cursors' })
    pageInfo: PageInfo;

    @Field(() => Int, { complexity: COST_WEIGHT.TOTAL_COUNT, description: 'How many rows match in all, over every page' })
    totalCount: number;
  }
  return ConnectionClass;
}

/** One key of an ordering: an SQL expression (never null) and its direction. */
export interface SortKey {
  sql: string;
  direction: SortDirection;
}

/**
 * A total order of a list: its keys, the last of which is unique (the id). `name` goes into the
 * cursor, so a cursor of one ordering is refused by another.
 */
export interface Ordering {
  name: string;
  keys: SortKey[];
}

/** The ordering by `sql` in `direction`, ties broken by `idSql` in the same direction. */
export function orderingBy(name: string, sql: string | string[], direction: SortDirection, idSql: string): Ordering {
  const sqls = [sql].flat();
  return { name: `${name}:${direction}`, keys: [...sqls.map((key) => ({ sql: key, direction })), { sql: idSql, direction }] };
}

/**
 * Resolves `orderBy` against a map of field → SQL expression (or expressions), the id breaking ties.
 */
export function orderingOf<F extends string>(
  fields: Record<F, string | string[]>,
  idSql: string,
  given: { field: F; direction?: SortDirection } | null | undefined,
  fallback: { field: F; direction: SortDirection },
): Ordering {
  const chosen = given ?? fallback;
  return orderingBy(chosen.field, fields[chosen.field], chosen.direction ?? SortDirection.ASC, idSql);
}

/** A page asked for: its size, its direction, and the key values of the cursors it starts after or ends before. */
export interface PageRequest {
  limit: number;
  backward: boolean;
  after: string[] | null;
  before: string[] | null;
}

const CURSOR_VERSION = 'k1';

export function encodeCursor(ordering: Ordering, values: string[]): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, ordering.name, ...values])).toString('base64url');
}

function decodeCursor(argument: 'after' | 'before', cursor: string, ordering: Ordering): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== CURSOR_VERSION || parsed.length !== ordering.keys.length + 2 || !parsed.every((part) => typeof part === 'string')) {
    throw BadUserInputError.field(argument, `${argument} is not a cursor this API issued`);
  }
  if (parsed[1] !== ordering.name) throw BadUserInputError.field(argument, `${argument} is a cursor of another ordering; start again without it`);
  return parsed.slice(2) as string[];
}

export function pageRequest(args: ConnectionArgs, ordering: Ordering): PageRequest {
  if (args.first != null && args.last != null) throw BadUserInputError.field('last', 'give first or last, not both');
  const backward = args.last != null || (args.before != null && args.first == null);
  return {
    limit: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    backward,
    after: args.after ? decodeCursor('after', args.after, ordering) : null,
    before: args.before ? decodeCursor('before', args.before, ordering) : null,
  };
}

/**
 * The keyset condition "after (or before) the row with these key values" in SQL, its values added
 * through `param` (which returns the placeholder). With one direction for every key it is a row
 * comparison, which an index on the keys serves.
 */
export function keysetCondition(ordering: Ordering, values: string[], side: 'after' | 'before', param: (value: string) => string): string {
  const placeholders = values.map(param);
  const greater = (key: SortKey) => (key.direction === SortDirection.ASC) === (side === 'after');
  const keys = ordering.keys;
  if (keys.every((key) => key.direction === keys[0].direction)) {
    return `(${keys.map((key) => key.sql).join(', ')}) ${greater(keys[0]) ? '>' : '<'} (${placeholders.join(', ')})`;
  }
  const alternatives = keys.map((key, index) => {
    const equal = keys.slice(0, index).map((prior, i) => `${prior.sql} = ${placeholders[i]}`);
    return `(${[...equal, `${key.sql} ${greater(key) ? '>' : '<'} ${placeholders[index]}`].join(' AND ')})`;
  });
  return `(${alternatives.join(' OR ')})`;
}

/** ORDER BY items of the page query (reversed when paging backward). */
export function orderItems(ordering: Ordering, request: PageRequest): { sql: string; direction: SortDirection }[] {
  const flip = (direction: SortDirection) => (direction === SortDirection.ASC ? SortDirection.DESC : SortDirection.ASC);
  return ordering.keys.map((key) => ({ sql: key.sql, direction: request.backward ? flip(key.direction) : key.direction }));
}

/**
 * Builds a connection from the rows of the page query (at most one more than asked, in the page
 * query's order) and each row's key values as text.
 */
export function toConnection<T>(rows: T[], keyValues: (row: T) => string[], ordering: Ordering, request: PageRequest, totalCount: number): Connection<T> {
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (request.backward) page.reverse();
  const edges = page.map((node) => ({ node, cursor: encodeCursor(ordering, keyValues(node)) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: request.backward ? request.before != null : more,
      hasPreviousPage: request.backward ? more : request.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The ordering a query builder was given with `orderBy`/`addOrderBy` (its last key unique). */
export function orderingOfQuery(query: SelectQueryBuilder<ObjectLiteral>): Ordering {
  const keys = Object.entries(query.expressionMap.orderBys).map(([sql, order]) => ({
    sql,
    direction: (typeof order === 'string' ? order : order.order) === 'DESC' ? SortDirection.DESC : SortDirection.ASC,
  }));
  if (!keys.length) throw new Error('paginate needs an ordering whose last key is unique');
  return { name: 'default', keys };
}

export interface PageOptions<T> {
  /** The page's order (default: the query's own `orderBy`, its last key unique). */
  ordering?: Ordering;
  /** Hands each row its key values (e.g. a computed distance the order used). */
  withKeys?: (row: T, keyValues: string[]) => void;
  /** The count of all rows when it is known without counting them (default: counted). */
  count?: () => Promise<number>;
  /** The rows are few: a first page counts them all in its own statement (a window count), saving one. */
  countInFirstPage?: boolean;
  /** The total as an SQL expression the page query selects with its rows (a kept counter), saving a statement; an empty page runs `count`. */
  totalInPage?: string;
  /**
   * The hits are many and sorted, not read in order from an index (a search): sort only their ids
   * and keys, then read the page's rows whole, so the database never carries every hit's full row.
   * Only the main entity's columns are read: a query that selects joined rows cannot use it.
   */
  sortIdsFirst?: boolean;
}

/**
 * Runs a filtered query builder as one page of a connection in `ordering` (a count and a page
 * query). The key values come from the database as text (`::text`), so a timestamp keeps its
 * microseconds and the next page continues exactly after the last row.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  { ordering = orderingOfQuery(query), withKeys, count = () => query.clone().orderBy().getCount(), countInFirstPage = false, totalInPage, sortIdsFirst = false }: PageOptions<T> = {},
): Promise<Connection<T>> {
  const request = pageRequest(args, ordering);
  const page = query.clone().orderBy();
  const primary = page.expressionMap.mainAlias!.metadata.primaryColumns[0];
  // In parentheses: TypeORM selects a bare `alias.property` twice.
  if (sortIdsFirst) page.select(`(${page.alias}.${primary.propertyPath})`, SORTED_ID);
  ordering.keys.forEach((key, index) => {
    page.addSelect(`(${key.sql})::text`, `page_key_${index}`);
    if (sortIdsFirst) page.addSelect(`(${key.sql})`, `page_sort_${index}`);
  });
  let parameter = 0;
  const param = (value: string) => {
    const name = `page_cursor_${parameter++}`;
    page.setParameter(name, value);
    return `:${name}`;
  };
  if (request.after) page.andWhere(keysetCondition(ordering, request.after, 'after', param));
  if (request.before) page.andWhere(keysetCondition(ordering, request.before, 'before', param));
  const items = orderItems(ordering, request);
  items.forEach((item, index) => (index ? page.addOrderBy(item.sql, item.direction) : page.orderBy(item.sql, item.direction)));

  const rawId = DriverUtils.buildAlias(page.connection.driver, undefined, page.alias, primary.databaseName);
  // Without a cursor the page sees every row, so its window count is the total (none: no rows).
  const windowed = countInFirstPage && !request.after && !request.before;
  if (windowed) page.addSelect('COUNT(*) OVER ()', 'page_total');
  else if (totalInPage) page.addSelect(`(${totalInPage})`, 'page_total');
  const totalSelected = windowed || Boolean(totalInPage);
  const [{ entities, raw }, counted] = await Promise.all([pageRows(page, request.limit + 1, sortIdsFirst ? items : null), totalSelected ? null : count()]);
  // An empty page has no row to carry the total: none at all when windowed, else counted after all.
  const totalCount = counted ?? (raw.length ? Number(raw[0].page_total) : windowed ? 0 : await count());
  const keys = new Map<unknown, string[]>(raw.map((row) => [row[rawId], ordering.keys.map((_, index) => row[`page_key_${index}`] as string)]));
  const keyValues = (entity: T) => keys.get(entity[primary.propertyName])!;
  if (withKeys) entities.forEach((entity) => withKeys(entity, keyValues(entity)));
  return toConnection(entities, keyValues, ordering, request, totalCount);
}

const SORTED_ID = 'page_id';

/**
 * The page query's rows and its main entities. TypeORM writes the SQL; outside a transaction it runs
 * as a named prepared statement straight on the pool (the page size a parameter, so each list has a
 * few texts), which spares Postgres parsing and planning and the API TypeORM's query runner and
 * result transformer on the busiest reads. In a transaction it runs on that transaction's runner.
 * With `sortedIds` (the page's order) the page query selected ids and keys only: its rows are read
 * whole by id afterwards, in the same statement.
 */
async function pageRows<T extends ObjectLiteral>(
  page: SelectQueryBuilder<T>,
  limit: number,
  sortedIds: { direction: SortDirection }[] | null,
): Promise<{ entities: T[]; raw: Record<string, unknown>[] }> {
  const { driver } = page.connection;
  const metadata = page.expressionMap.mainAlias!.metadata;
  const columns = storedColumns(metadata);
  const keys = columns.map((column) => DriverUtils.buildAlias(driver, undefined, page.alias, column.databaseName));
  const [sql, values] = page.getQueryAndParameters();
  let text = `${sql} LIMIT $${values.length + 1}`;
  if (sortedIds) {
    const alias = driver.escape(page.alias);
    const selects = columns.map((column, index) => `${alias}.${driver.escape(column.databaseName)} AS ${driver.escape(keys[index])}`);
    const order = sortedIds.map((item, index) => `sorted.page_sort_${index} ${item.direction}`);
    text = `SELECT ${selects.join(', ')}, sorted.* FROM (${text}) sorted
      JOIN ${driver.escape(metadata.tableName)} ${alias} ON ${alias}.${driver.escape(metadata.primaryColumns[0].databaseName)} = sorted.${SORTED_ID}
      ORDER BY ${order.join(', ')}`;
  }
  const parameters = [...values, limit];
  const runner = (page as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const raw: Record<string, unknown>[] = runner ? await runner.query(text, parameters) : await preparedQuery(poolOf(page.connection), text, parameters);
  // A join may repeat a row: each entity once, as TypeORM's transformer would (the keys are the same).
  const idAlias = DriverUtils.buildAlias(driver, undefined, page.alias, metadata.primaryColumns[0].databaseName);
  const seen = new Set<unknown>();
  const firstOfEach = raw.filter((row) => {
    const first = !seen.has(row[idAlias]);
    seen.add(row[idAlias]);
    return first;
  });
  const entities = firstOfEach.map((row) => hydrateRow<T>(driver, metadata, columns, keys, row));
  return { entities, raw };
}
