import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { QueueWorkersIndicator } from './queue-workers.indicator';

/**
 * The worker role's `GET /health` (on WORKER_HEALTH_PORT): 200 when Postgres answers and every
 * queue worker of this process is running on a ready Redis connection, 503 naming what is not.
 */
@Controller('health')
export class WorkerHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queueWorkers: QueueWorkersIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.pingCheck('postgres', { timeout: 2000 }), () => this.queueWorkers.check()]);
  }
}
