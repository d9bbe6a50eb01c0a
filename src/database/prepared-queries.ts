import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Runs SQL and returns its rows. */
export interface Queryable {
  query<T = any>(text: string, values?: unknown[]): Promise<T[]>;
}

/** Statement names are per connection, and every instance shares the one pool: one name per text. */
const statementNames = new Map<string, string>();

/**
 * Straight to TypeORM's own pg pool, each distinct SQL text as a named prepared statement: for hot
 * paths that run a few fixed statements many times a second, where TypeORM's query runner and
 * Postgres parsing and planning every statement cost more than the work itself. Only for constant
 * SQL texts (values always as parameters): every text becomes a statement on every connection.
 */
@Injectable()
export class PreparedQueries implements Queryable {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  async query<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
    let name = statementNames.get(text);
    if (!name) statementNames.set(text, (name = `stagematch_${statementNames.size + 1}`));
    return (await this.pool.query({ name, text, values })).rows as T[];
  }
}
