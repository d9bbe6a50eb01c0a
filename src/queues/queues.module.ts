import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Environment } from '../config/environment';
import { redisConnectionOptions, reportRedisErrors } from '../common/redis';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues';

/** BullMQ's queue and worker with an error listener from birth (their first reconnect can fail before any hook runs). */
class ReportingQueue extends Queue {
  constructor(...args: ConstructorParameters<typeof Queue>) {
    super(...args);
    reportRedisErrors(this, `queue ${this.name}`);
  }
}

class ReportingWorker extends Worker {
  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    reportRedisErrors(this, `worker ${this.name}`);
  }
}

// Before registerQueue below: @nestjs/bullmq creates its queues and workers from these classes.
BullModule.queueClass = ReportingQueue;
BullModule.workerClass = ReportingWorker;

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
