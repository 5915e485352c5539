// The Redis connection for the request path. It must fail fast: with an offline queue, a command
// issued while Redis is down would wait (and the webhook would hang) instead of turning into a 503
// that makes HubSpot retry later.
import type { RedisOptions } from 'ioredis';
import type { Logger } from '../src/logger.ts';
import { createRedisClient } from '../src/redis-connections.ts';
import type { RedisClient } from '../src/store/redis-client.ts';

export const PRODUCER_REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  commandTimeout: 1000,
  connectTimeout: 2000,
  maxRetriesPerRequest: 0,
  // Keep reconnecting in the background, never more than 1 s apart, so the receiver recovers by itself.
  retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 1000),
};

/** A producer connection (one Redis or a cluster, by the URL); with a logger, each outage is logged once (not once per reconnect attempt). */
export function createProducerRedis(url = 'redis://127.0.0.1:6379', logger?: Logger, overrides: RedisOptions = {}): RedisClient {
  const redis = createRedisClient(url, { ...PRODUCER_REDIS_OPTIONS, ...overrides });
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
export async function waitForReady(redis: RedisClient, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis not ready in time')), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
