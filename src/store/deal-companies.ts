// The deal → company map the jobs learn while reading associations. A deleted deal can no longer
// be read from HubSpot, so this is how its deletion still reaches its companies.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

/** Records (or replaces) the companies of each deal; an empty list means "known to have none". */
export async function setDealCompanies(redis: RedisClient, prefix: string, portalId: string, map: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (map.size === 0) return;
  const fields = [...map].flatMap(([dealId, companyIds]) => [dealId, companyIds.join(',')]);
  await redis.hset(portalKeys(prefix, portalId).dealCompanies, ...fields);
}

/** The known companies of each deal; deals never learned are absent from the result. */
export async function getDealCompanies(redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (dealIds.length === 0) return result;
  const values = await redis.hmget(portalKeys(prefix, portalId).dealCompanies, ...dealIds);
  dealIds.forEach((dealId, i) => {
    const value = values[i];
    if (value != null) result.set(dealId, value === '' ? [] : value.split(','));
  });
  return result;
}

/** Forgets deals (once a deletion has been routed to their companies). */
export async function forgetDealCompanies(redis: RedisClient, prefix: string, portalId: string, dealIds: readonly string[]): Promise<void> {
  if (dealIds.length) await redis.hdel(portalKeys(prefix, portalId).dealCompanies, ...dealIds);
}
