import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Runs SQL and returns its rows. */
export interface Queryable {
  query<T = any>(text: string, values?: unknown[]): Promise<T[]>;
}

/** Statement names are per connection, and every instance shares the one pool: one name per text. */
const statementNames = new Map<string, string>();

/** Runs a constant SQL text on the pool as a named prepared statement (see PreparedQueries). */
export async function preparedQuery<T = any>(pool: Pool, text: string, values: unknown[] = []): Promise<T[]> {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `stagematch_${statementNames.size + 1}`));
  return (await pool.query({ name, text, values })).rows as T[];
}

/** The columns a row of the entity stores itself (a relation without its own id property has none here). */
export function storedColumns(metadata: EntityMetadata): ColumnMetadata[] {
  return metadata.columns.filter((column) => !column.isVirtual && column.isSelect);
}

/** The entity a row describes, each stored column read from the row's key at the same index in `keys`, its value as TypeORM hydrates it (dates as text, …). */
export function hydrateRow<T>(driver: Driver, metadata: EntityMetadata, columns: readonly ColumnMetadata[], keys: readonly string[], row: Record<string, unknown>): T {
  const target = metadata.create() as Record<string, unknown>;
  for (let index = 0; index < columns.length; index += 1) {
    const key = keys[index];
    if (key in row) target[columns[index].propertyName] = driver.prepareHydratedValue(row[key], columns[index]);
  }
  return target as T;
}

/** An entity's metadata, its stored columns, and their keys in a row per prefix. */
interface Shape {
  metadata: EntityMetadata;
  columns: ColumnMetadata[];
  keysByPrefix: Map<string, string[]>;
}

/** TypeORM's own pg pool behind a data source. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}

/**
 * Straight to TypeORM's own pg pool, each distinct SQL text as a named prepared statement: for hot
 * paths that run a few fixed statements many times a second, where TypeORM's query runner and
 * Postgres parsing and planning every statement cost more than the work itself. Only for constant
 * SQL texts (values always as parameters): every text becomes a statement on every connection.
 */
@Injectable()
export class PreparedQueries implements Queryable {
  private readonly pool: Pool;
  private readonly byIdsTexts = new Map<EntityTarget<unknown>, string>();
  /** Each entity's metadata and stored columns, found once: hydrating runs on every request. */
  private readonly shapes = new Map<EntityTarget<unknown>, Shape>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /**
   * An entity's columns for a select list, `alias.column AS "prefix.property"` (the stored
   * columns a plain find reads; `exclude` leaves some out).
   */
  selectList(entity: EntityTarget<unknown>, alias: string, prefix = '', exclude: readonly string[] = []): string[] {
    return this.shapeOf(entity)
      .columns.filter((column) => !exclude.includes(column.propertyName))
      .map((column) => `${alias}."${column.databaseName}" AS "${prefix}${column.propertyName}"`);
  }

  /** The entity a row's `prefix.property` columns describe, its values as TypeORM hydrates them (dates as text, …). */
  hydrate<T extends ObjectLiteral>(entity: EntityTarget<T>, row: Record<string, unknown>, prefix = ''): T {
    const { metadata, columns, keysByPrefix } = this.shapeOf(entity);
    let keys = keysByPrefix.get(prefix);
    if (!keys) keysByPrefix.set(prefix, (keys = columns.map((column) => prefix + column.propertyName)));
    return hydrateRow<T>(this.dataSource.driver, metadata, columns, keys, row);
  }

  /** Entities by primary key, as `findBy({ id: In(ids) })` returns them, in one prepared statement (the per-request loaders). */
  async byIds<T extends ObjectLiteral>(entity: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    let text = this.byIdsTexts.get(entity);
    if (!text) {
      const { metadata } = this.shapeOf(entity);
      const [primary] = metadata.primaryColumns;
      text = `SELECT ${this.selectList(entity, 't').join(', ')} FROM "${metadata.tablePath}" t WHERE t."${primary.databaseName}" = ANY($1)`;
      this.byIdsTexts.set(entity, text);
    }
    return (await this.query(text, [ids])).map((row) => this.hydrate(entity, row));
  }

  private shapeOf(entity: EntityTarget<unknown>): Shape {
    let shape = this.shapes.get(entity);
    if (!shape) {
      const metadata = this.dataSource.getMetadata(entity);
      shape = { metadata, columns: storedColumns(metadata), keysByPrefix: new Map() };
      this.shapes.set(entity, shape);
    }
    return shape;
  }

  query<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
    return preparedQuery<T>(this.pool, text, values);
  }
}
