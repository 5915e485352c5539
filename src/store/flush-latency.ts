// A histogram of how long a change waits from its flush request to its scores being written,
// kept in Redis so the server's /metrics sees what every worker measured.
import type { RedisClient } from './redis-client.ts';

export const LATENCY_BUCKETS_S = [0.5, 1, 2, 3, 5, 10, 30, 60, 300];

const key = (prefix: string): string => `${prefix}:metrics:flush-latency`;

export async function recordFlushLatency(redis: RedisClient, prefix: string, seconds: number): Promise<void> {
  const pipeline = redis.pipeline();
  for (const le of LATENCY_BUCKETS_S) if (seconds <= le) pipeline.hincrby(key(prefix), `le:${le}`, 1);
  pipeline.hincrby(key(prefix), 'count', 1).hincrbyfloat(key(prefix), 'sum', seconds);
  await pipeline.exec();
}

export async function readFlushLatency(redis: RedisClient, prefix: string): Promise<{ buckets: Record<string, number>; count: number; sum: number }> {
  const raw = await redis.hgetall(key(prefix));
  const buckets = Object.fromEntries(LATENCY_BUCKETS_S.map((le) => [String(le), Number(raw[`le:${le}`] ?? 0)]));
  return { buckets, count: Number(raw.count ?? 0), sum: Number(raw.sum ?? 0) };
}
