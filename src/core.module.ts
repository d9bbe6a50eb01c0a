import { NodeLookupsModule } from './common/graphql/node-lookups';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisModule } from './common/redis';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { ClockModule } from './common/clock/clock.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './modules/events/events.module';
import { configureTransactionRetries } from './database/transactions';
import { DatabaseRecoveryLog } from './database/database-recovery-log';
import { typeormOptions } from './database/typeorm-options';
import { QueuesModule } from './queues/queues.module';

/** What both the API and the worker need: config, Postgres, Redis, the queues and the events (outbox, registry). */
@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => typeormOptions(env.DATABASE_URL, env.DATABASE_CONNECT_TIMEOUT_MS),
    }),
    DatabaseModule,
    ClockModule,
    RedisModule,
    QueuesModule,
    EventsModule,
    NodeLookupsModule,
  ],
  providers: [DatabaseRecoveryLog],
  exports: [ConfigModule, TypeOrmModule, RedisModule, QueuesModule],
})
export class CoreModule {
  constructor(env: Environment) {
    configureTransactionRetries({ maxAttempts: env.TRANSACTION_MAX_ATTEMPTS });
  }
}
