import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimitedError } from '../../common/errors/domain-errors';
import { InjectRedis } from '../../common/redis';
import { Environment } from '../../config/environment';

const COUNT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** IMPORTS_PER_MINUTE per organization, dry runs included: a fixed one-minute window in Redis. */
@Injectable()
export class ImportLimits {
  constructor(
    private readonly env: Environment,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  async take(organizationId: string): Promise<void> {
    const [count, ttl] = (await this.redis.eval(COUNT_IN_WINDOW, 1, `${this.env.QUEUE_PREFIX}:imports:${organizationId}`, 60_000)) as [number, number];
    if (count > this.env.IMPORTS_PER_MINUTE) {
      const seconds = Math.max(1, Math.ceil(ttl / 1000));
      throw new RateLimitedError(seconds, `Your organization started more than ${this.env.IMPORTS_PER_MINUTE} imports this minute; try again in ${seconds} seconds`);
    }
  }
}
