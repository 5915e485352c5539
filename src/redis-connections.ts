// The Redis connections a process opens, each with the options its role needs.
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** BullMQ workers block on Redis and must never give up a command (BullMQ's own requirement). */
export function createWorkerRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'redis connection error'));
  return redis;
}

/** State reads and writes from jobs and the CLI: a few retries, then an error the job retries. */
export function createStateRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'redis connection error'));
  return redis;
}

/** Whether a Redis answers PING at `url`, without retrying or reporting a refused connection. */
export async function redisAnswers(url: string, timeoutMs = 500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  client.on('error', () => undefined); // a refused probe is an answer, not an error to report
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
