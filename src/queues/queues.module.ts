import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Environment } from '../config/environment';
import { redisConnectionOptions } from '../common/redis';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues';

const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** BullMQ's connection and the queues, for producers (API) and consumers (worker) alike. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        connection: redisConnectionOptions(env.REDIS_URL),
        prefix: env.QUEUE_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    queues,
  ],
  exports: [queues],
})
export class QueuesModule {}
