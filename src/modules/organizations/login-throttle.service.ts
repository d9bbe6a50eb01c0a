import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { InjectRedis } from '../../common/redis';
import { RateLimitedError } from '../../common/errors/domain-errors';
import { Environment } from '../../config/environment';

/** What a sign-in attempt that got past the limits must report when the password was right. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/**
 * Failed sign-ins are counted in Redis (so the limits hold across API replicas) per account (the
 * normalized e-mail, hashed, whether or not the account exists) and per client address. Each
 * attempt is counted before the password is checked, atomically, so parallel guesses cannot slip
 * past; a right password takes its count back (and clears the account's). A counting window starts
 * with the first counted attempt and lasts LOGIN_FAILURE_WINDOW_SECONDS; the first attempt past a
 * limit within it starts a block of the same length, during which every attempt, even with the
 * right password, is RATE_LIMITED with the seconds left. Redis unreachable: sign-in fails (closed).
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(@InjectRedis() redis: Redis, env: Environment) {
    const window = env.LOGIN_FAILURE_WINDOW_SECONDS;
    const common = { storeClient: redis, duration: window, blockDuration: window };
    this.perAccount = new RateLimiterRedis({
      ...common,
      keyPrefix: `${env.QUEUE_PREFIX}:login-failures:account`,
      points: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    });
    this.perAddress = new RateLimiterRedis({
      ...common,
      keyPrefix: `${env.QUEUE_PREFIX}:login-failures:address`,
      points: env.LOGIN_MAX_FAILURES_PER_IP,
    });
  }

  /** Counts an attempt for `email` from `address` as failed until `succeeded()`; throws RateLimitedError past a limit. */
  async begin(email: string, address: string): Promise<SignInAttempt> {
    const account = createHash('sha256').update(email).digest('base64url');
    const [byAccount, byAddress] = await Promise.allSettled([this.perAccount.consume(account), this.perAddress.consume(address)]);
    const refusals: RateLimiterRes[] = [];
    for (const outcome of [byAccount, byAddress]) {
      if (outcome.status === 'fulfilled') continue;
      if (!(outcome.reason instanceof RateLimiterRes)) throw outcome.reason;
      refusals.push(outcome.reason);
    }
    if (refusals.length > 0) {
      // Refused for the address alone (say, a crowded school network): not held against the account.
      if (byAccount.status === 'fulfilled') await this.perAccount.reward(account, 1);
      const seconds = Math.max(1, Math.ceil(Math.max(...refusals.map((refusal) => refusal.msBeforeNext)) / 1000));
      throw new RateLimitedError(seconds, `Too many failed sign-in attempts; try again in ${seconds} seconds`);
    }
    return {
      succeeded: async () => {
        await Promise.all([this.perAccount.delete(account), this.perAddress.reward(address, 1)]);
      },
    };
  }
}
