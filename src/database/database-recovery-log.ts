import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { databaseOutage } from '../common/errors/service-unavailable';

/** Says "PostgreSQL reachable again" when the pool opens its first connection after failed requests. */
@Injectable()
export class DatabaseRecoveryLog implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    ((this.dataSource.driver as PostgresDriver).master as Pool).on('connect', () => databaseOutage.recovered());
  }
}
