// Opens the app's queues from the CLI with the same configuration the app uses, on the Redis that
// cli-redis.ts finds (and checks answers).
import type { Queue } from 'bullmq';
import type { Config } from '../config.ts';
import { createFlushQueue, createPassQueue } from '../queues.ts';
import { createWorkerRedis } from '../redis-connections.ts';
import { createLogger } from '../logger.ts';
import type { RedisClient } from '../store/redis-client.ts';
import type { CliIo } from './cli-io.ts';
import { connectTarget } from './cli-redis.ts';

export interface QueueAccess {
  config: Config;
  redis: RedisClient;
  queues: Record<'flush' | 'pass', Queue>;
  close(): Promise<void>;
}

export async function openQueues(io: CliIo, env: Record<string, string | undefined> = process.env): Promise<QueueAccess> {
  const { config, url } = await connectTarget(io, env);
  const logger = createLogger({ level: 'silent' });
  const redis = createWorkerRedis(url, logger);
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
