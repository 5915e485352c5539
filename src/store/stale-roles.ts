// Companies whose contacts changed (a buying role set, a contact linked or unlinked, §10) since their
// stored roles were read. A flush reads these companies' contacts again; every other company keeps
// its stored role set, so a company or deal event costs no contact reads (quality.md P3). A company
// leaves the set only when the flush that read it has finished.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

const key = (prefix: string, portalId: string): string => portalKeys(prefix, portalId).staleRoles;

export async function markRolesStale(redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<void> {
  if (companyIds.length) await redis.sadd(key(prefix, portalId), ...companyIds);
}

export async function staleRoles(redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<Set<string>> {
  if (companyIds.length === 0) return new Set();
  const flags = await redis.smismember(key(prefix, portalId), ...companyIds);
  return new Set(companyIds.filter((_, i) => flags[i] === 1));
}

export async function clearStaleRoles(redis: RedisClient, prefix: string, portalId: string, companyIds: readonly string[]): Promise<void> {
  for (let i = 0; i < companyIds.length; i += 1000) await redis.srem(key(prefix, portalId), ...companyIds.slice(i, i + 1000));
}
