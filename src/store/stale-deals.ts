// Deals known to have changed since the stored portfolio inputs were read. A flush re-reads these
// from HubSpot and takes every other deal of a company from the stored inputs, so an edit to a
// company costs no deal reads. An id leaves the set only when the flush that read it has finished.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

const key = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).staleDeals;

export async function markDealsStale(redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<void> {
  if (dealIds.length) await redis.sadd(key(prefix, portalId), ...dealIds);
}

export async function staleDeals(redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<Set<string>> {
  if (dealIds.length === 0) return new Set();
  const flags = await redis.smismember(key(prefix, portalId), ...dealIds);
  return new Set(dealIds.filter((_, i) => flags[i] === 1));
}

export async function clearStaleDeals(redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<void> {
  for (let i = 0; i < dealIds.length; i += 1000) await redis.srem(key(prefix, portalId), ...dealIds.slice(i, i + 1000));
}
