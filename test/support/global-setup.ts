// Finds a real Redis for the whole run (test/support/private-redis.ts's runRedis: REDIS_URL or
// 127.0.0.1:6379 when one answers, else a private redis-server, stopped when the run ends).
// Tests read the address with `inject('redisUrl')`.
import type { TestProject } from 'vitest/node';
import { runRedis } from './private-redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: Awaited<ReturnType<typeof runRedis>> | undefined;

export async function setup(project: TestProject): Promise<void> {
  redis = await runRedis();
  project.provide('redisUrl', redis.url);
}

export async function teardown(): Promise<void> {
  await redis?.dispose();
}
