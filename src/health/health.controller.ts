import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { Public } from '../common/auth/allow.decorator';
import { InjectRedis } from '../common/redis';

/**
 * `GET /health` and `GET /health/ready`: 200 when Postgres and Redis answer, 503 naming the one
 * that does not (take the instance out of the load balancer, do not restart it: requests recover
 * by themselves). `GET /health/live`: 200 as long as the process serves HTTP at all.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  @Get(['', 'ready'])
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('redis');
        try {
          await this.redis.ping();
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
    ]);
  }

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }
}
