// The Redis connection for the request path. It must fail fast: with an offline queue, a command
// issued while Redis is down would wait (and the webhook would hang) instead of turning into a 503
// that makes HubSpot retry later.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../src/logger.ts';

export const PRODUCER_REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  commandTimeout: 1000,
  connectTimeout: 2000,
  maxRetriesPerRequest: 0,
  // Keep reconnecting in the background, never more than 1 s apart, so the receiver recovers by itself.
  retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 1000),
};

/** A producer connection; with a logger, each outage is logged once (not once per reconnect attempt). */
export function createProducerRedis(url = 'redis://127.0.0.1:6379', logger?: Logger, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(url, { ...PRODUCER_REDIS_OPTIONS, ...overrides });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger?.error({ err }, 'redis unreachable, webhooks answer 503');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger?.info('redis reachable again');
    down = false;
  });
  return redis;
}

/** Resolves once the connection is ready (commands sent before that fail at once). */
export async function waitForReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis not ready in time')), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
