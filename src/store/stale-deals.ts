// Deals known to have changed since the stored portfolio inputs were read. A flush re-reads these
// from HubSpot and takes every other deal of a company from the stored inputs, so an edit to a
// company costs no deal reads. An id leaves the set only when the flush that read it has finished.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { addStale, removeStale, staleAmong } from './stale-ids.ts';

const key = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).staleDeals;

export const markDealsStale = (redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<void> =>
  addStale(redis, key(prefix, portalId), dealIds);

export const staleDeals = (redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<Set<string>> =>
  staleAmong(redis, key(prefix, portalId), dealIds);

export const clearStaleDeals = (redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<void> =>
  removeStale(redis, key(prefix, portalId), dealIds);
