import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { WorkerModule } from './worker.module';
import { QueueWorkersIndicator } from './health/queue-workers.indicator';
import { WorkerHealthController } from './health/worker-health.controller';

/** The worker role's root module: the worker, plus `GET /health` for its container health check. */
@Module({
  imports: [WorkerModule, TerminusModule, DiscoveryModule],
  controllers: [WorkerHealthController],
  providers: [QueueWorkersIndicator],
})
export class WorkerProcessModule {}
