// Opens the app's queues from the CLI with the same configuration the app uses.
import type { Queue } from 'bullmq';
import { loadConfig, type Config } from '../config.ts';
import { createFlushQueue, createPassQueue } from '../queues.ts';
import { createWorkerRedis, DEFAULT_REDIS_URL } from '../redis-connections.ts';
import { createLogger } from '../logger.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface QueueAccess {
  config: Config;
  redis: RedisClient;
  queues: Record<'flush' | 'pass', Queue>;
  close(): Promise<void>;
}

export function openQueues(env: Record<string, string | undefined> = process.env): QueueAccess {
  const config = loadConfig(env);
  const logger = createLogger({ level: 'silent' });
  const redis = createWorkerRedis(config.REDIS_URL ?? DEFAULT_REDIS_URL, logger);
  const queues = { flush: createFlushQueue(redis, config.QUEUE_PREFIX) as Queue, pass: createPassQueue(redis, config.QUEUE_PREFIX) as Queue };
  return {
    config,
    redis,
    queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
      redis.disconnect();
    },
  };
}
