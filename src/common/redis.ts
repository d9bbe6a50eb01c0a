import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventEmitter } from 'node:events';
import IORedis, { type Redis } from 'ioredis';
import { Environment } from '../config/environment';
import { isConnectionFailure } from './errors/connection-failure';
import { OutageLog } from './outage-log';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/**
 * Options for every ioredis connection. BullMQ workers need `maxRetriesPerRequest: null`, so that
 * a Redis outage makes them wait and reconnect rather than fail their jobs.
 */
export function redisConnectionOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** One per process: every Redis client, queue and worker reports its connection errors here. */
export const redisOutage = new OutageLog('Redis');
const logger = new Logger('Redis');

/**
 * Listens for `error` on a Redis client, BullMQ queue or worker. Without a listener ioredis prints
 * "Unhandled error event" and BullMQ the whole stack, for every reconnection attempt of every
 * connection; with it, an outage is one warning every few seconds (see OutageLog).
 */
export function reportRedisErrors<T extends EventEmitter>(emitter: T, source: string): T {
  emitter.on('error', (error: Error) => {
    const message = String(error?.message ?? error);
    if (isConnectionFailure(error) || message.startsWith('Connection is closed')) redisOutage.failed(error);
    else logger.error(`${source}: ${message}`);
  });
  return emitter;
}

/** The shared client reconnects on its own (ioredis), so its `ready` says Redis is back. */
function sharedClient(env: Environment): Redis {
  const client = new IORedis({ ...redisConnectionOptions(env.REDIS_URL), maxRetriesPerRequest: 1, lazyConnect: false });
  client.on('ready', () => redisOutage.recovered());
  return reportRedisErrors(client, 'redis');
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared ioredis client for health checks and small reads. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [Environment],
      useFactory: sharedClient,
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
