// A portal's set of ids whose stored copy is known to be stale (deals, companies' contact roles
// and links): marked when an event says so, asked by the flush, cleared once the flush read them
// again (deals when it ends; roles and links with their company's mark, dirty-marks.ts).
import type { RedisClient } from './redis-client.ts';

export async function addStale(redis: RedisClient, key: string, ids: readonly string[]): Promise<void> {
  if (ids.length) await redis.sadd(key, ...ids);
}

/** Which of these ids are stale. */
export async function staleAmong(redis: RedisClient, key: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const flags = await redis.smismember(key, ...ids);
  return new Set(ids.filter((_, i) => flags[i] === 1));
}

export async function removeStale(redis: RedisClient, key: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) await redis.srem(key, ...ids.slice(i, i + 1000));
}
