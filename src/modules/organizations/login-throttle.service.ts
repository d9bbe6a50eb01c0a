import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { InjectRedis } from '../../common/redis';
import { RateLimitedError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';

/** What a sign-in attempt that got past the limits must report when the password was right. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/**
 * A sliding-window log in one sorted set per key, atomic in Redis and on Redis's clock (so every
 * API replica counts alike): drop the attempts older than the window; with `limit` left, refuse and
 * answer the milliseconds until the oldest ages out; otherwise log this attempt.
 * Returns [admitted (1/0), milliseconds to wait].
 */
const SLIDING_WINDOW_HIT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}`;

/** What is counted: failed sign-ins (and wrong current passwords), or password-reset requests (each one counts). */
export type ThrottledAttempt = 'sign-in' | 'password-reset';

const KEY_SPACE: Record<ThrottledAttempt, string> = { 'sign-in': 'login-failures', 'password-reset': 'password-reset-requests' };
const REFUSAL: Record<ThrottledAttempt, string> = { 'sign-in': 'Too many failed sign-in attempts', 'password-reset': 'Too many password-reset requests' };

interface Limit {
  key: string;
  max: number;
}

/**
 * Failed sign-ins are counted in Redis (so the limits hold across API replicas) per account (the
 * normalized e-mail, hashed, whether or not the account exists) and per client address, over a
 * sliding window of LOGIN_FAILURE_WINDOW_SECONDS: with the limit's failures in the last window, every
 * attempt, even with the right password, is RATE_LIMITED with the seconds until the oldest of them
 * ages out; a refused attempt is not counted, so waiting is never extended. Each attempt is counted
 * before the password is checked, atomically, so parallel guesses cannot slip past; a right
 * password takes its count back (and clears the account's). Redis unreachable: sign-in fails (closed).
 */
@Injectable()
export class LoginThrottle {
  private readonly windowMs: number;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly env: Environment,
  ) {
    this.windowMs = env.LOGIN_FAILURE_WINDOW_SECONDS * 1000;
  }

  /**
   * Counts an attempt for `email` from `address` as failed until `succeeded()`; throws RateLimitedError past a limit.
   * Password-reset requests are counted apart from sign-ins (under the same limits), so that asking for
   * resets cannot lock anyone out of signing in; they never call `succeeded()`.
   */
  async begin(email: string, address: string, kind: ThrottledAttempt = 'sign-in'): Promise<SignInAttempt> {
    const prefix = `${this.env.QUEUE_PREFIX}:${KEY_SPACE[kind]}`;
    const account: Limit = { key: `${prefix}:account:${createHash('sha256').update(email).digest('base64url')}`, max: this.env.LOGIN_MAX_FAILURES_PER_ACCOUNT };
    const fromAddress: Limit = { key: `${prefix}:address:${address}`, max: this.env.LOGIN_MAX_FAILURES_PER_IP };
    const attempt = randomUUID();
    const [byAccount, byAddress] = await Promise.all([this.hit(account, attempt), this.hit(fromAddress, attempt)]);
    const waits = [byAccount, byAddress].filter((wait) => wait !== null);
    if (waits.length > 0) {
      // Refused for one limit alone (say, a crowded school network): not held against the other.
      await Promise.all([byAccount === null && this.redis.zrem(account.key, attempt), byAddress === null && this.redis.zrem(fromAddress.key, attempt)]);
      const seconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      throw new RateLimitedError(seconds, `${REFUSAL[kind]}; try again in ${seconds} seconds`);
    }
    return {
      succeeded: async () => {
        await Promise.all([this.redis.del(account.key), this.redis.zrem(fromAddress.key, attempt)]);
      },
    };
  }

  /** Logs the attempt under the limit; null when admitted, else the milliseconds to wait. */
  private async hit({ key, max }: Limit, attempt: string): Promise<number | null> {
    const [admitted, waitMs] = (await this.redis.eval(SLIDING_WINDOW_HIT, 1, key, this.windowMs, max, attempt)) as [number, number];
    return admitted === 1 ? null : waitMs;
  }
}
