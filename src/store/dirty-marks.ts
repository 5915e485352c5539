// What needs recomputing, per portal, in Redis. The receiver writes marks; the flush job reads
// them, writes results, then clears only what it read, so nothing marked is ever lost.
//
// Each dirty kind is a sorted set (order of first mark, oldest first) plus a hash id → version
// (the sequence number of the latest mark). The flush job clears an id only if its version is the
// one it read: an event that lands while the job is working keeps the id dirty (no lost update).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One batch's marks for one portal. Each id appears in at most one list of its kind. */
export interface DirtyMarks {
  /** Recompute these companies (skipped while retired: a late event for a deleted company). */
  companyIds: string[];
  /** Restored companies: no longer retired, and recomputed. */
  restoredCompanyIds: string[];
  /** Deleted or merged away: the job drops them from the portfolio. */
  retiredCompanyIds: string[];
  /** Recompute the companies of these deals (the job resolves deal → companies). */
  dealIds: string[];
  /** Deleted deals: dirty, plus a note so the job routes them through the learned deal → company map. */
  deletedDealIds: string[];
  /** Restored deals: the deleted note is removed, and they are dirty again. */
  restoredDealIds: string[];
}

export const emptyMarks = (): DirtyMarks => ({
  companyIds: [], restoredCompanyIds: [], retiredCompanyIds: [], dealIds: [], deletedDealIds: [], restoredDealIds: [],
});

export function marksCount(m: DirtyMarks): number {
  return m.companyIds.length + m.restoredCompanyIds.length + m.retiredCompanyIds.length
    + m.dealIds.length + m.deletedDealIds.length + m.restoredDealIds.length;
}

export function dirtyKeys(prefix: string, portalId: string) {
  return {
    companies: `${prefix}:dirty-companies:${portalId}`,
    companyVersions: `${prefix}:dirty-companies-ver:${portalId}`,
    deals: `${prefix}:dirty-deals:${portalId}`,
    dealVersions: `${prefix}:dirty-deals-ver:${portalId}`,
    deletedDeals: `${prefix}:deleted-deals:${portalId}`,
    retired: `${prefix}:retired-companies:${portalId}`,
    seq: `${prefix}:dirty-seq:${portalId}`,
    portals: dirtyPortalsKey(prefix),
    dealCompanies: `${prefix}:deal-companies:${portalId}`,
  };
}

export const dirtyPortalsKey = (prefix: string): string => `${prefix}:dirty-portals`;

// KEYS: companies, companyVersions, deals, dealVersions, deletedDeals, retired, seq, portals
// ARGV: portalId, then six counts, then the ids of each list in DirtyMarks order.
const MARK_SCRIPT = `
local seq = redis.call('INCR', KEYS[7])
local lists, at = {}, 8
for i = 1, 6 do
  local n = tonumber(ARGV[i + 1]); local list = {}
  for j = 1, n do list[j] = ARGV[at]; at = at + 1 end
  lists[i] = list
end
local function mark(z, h, id) redis.call('ZADD', z, 'NX', seq, id); redis.call('HSET', h, id, seq) end
for _, id in ipairs(lists[3]) do
  redis.call('SADD', KEYS[6], id); redis.call('ZREM', KEYS[1], id); redis.call('HDEL', KEYS[2], id)
end
for _, id in ipairs(lists[2]) do redis.call('SREM', KEYS[6], id); mark(KEYS[1], KEYS[2], id) end
for _, id in ipairs(lists[1]) do
  if redis.call('SISMEMBER', KEYS[6], id) == 0 then mark(KEYS[1], KEYS[2], id) end
end
for _, id in ipairs(lists[4]) do mark(KEYS[3], KEYS[4], id) end
for _, id in ipairs(lists[5]) do redis.call('SADD', KEYS[5], id); mark(KEYS[3], KEYS[4], id) end
for _, id in ipairs(lists[6]) do redis.call('SREM', KEYS[5], id); mark(KEYS[3], KEYS[4], id) end
redis.call('SADD', KEYS[8], ARGV[1])
return seq
`;

// KEYS: as MARK_SCRIPT. ARGV: portalId, nCompanies, nDeals, nRetired, then (id, version) pairs for
// companies, (id, version) pairs for deals, retired ids. Returns what is left dirty.
const CLEAR_SCRIPT = `
local nc, nd, nr = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local at, cleared = 5, 0
for i = 1, nc do
  local id, v = ARGV[at], ARGV[at + 1]; at = at + 2
  if redis.call('HGET', KEYS[2], id) == v then
    redis.call('HDEL', KEYS[2], id); redis.call('ZREM', KEYS[1], id); cleared = cleared + 1
  end
end
for i = 1, nd do
  local id, v = ARGV[at], ARGV[at + 1]; at = at + 2
  if redis.call('HGET', KEYS[4], id) == v then
    redis.call('HDEL', KEYS[4], id); redis.call('ZREM', KEYS[3], id); redis.call('SREM', KEYS[5], id)
    cleared = cleared + 1
  end
end
for i = 1, nr do cleared = cleared + redis.call('SREM', KEYS[6], ARGV[at]); at = at + 1 end
local left = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[3]) + redis.call('SCARD', KEYS[6])
if left == 0 then redis.call('SREM', KEYS[8], ARGV[1]) end
return {cleared, left}
`;

const sha = (script: string): string => createHash('sha1').update(script).digest('hex');
const MARK_SHA = sha(MARK_SCRIPT);
const CLEAR_SHA = sha(CLEAR_SCRIPT);

/** EVALSHA, falling back to EVAL once when the server has not cached the script yet. */
async function runScript(redis: Redis, script: string, digest: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(digest, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}

function scriptKeys(prefix: string, portalId: string): string[] {
  const k = dirtyKeys(prefix, portalId);
  return [k.companies, k.companyVersions, k.deals, k.dealVersions, k.deletedDeals, k.retired, k.seq, k.portals];
}

/**
 * Writes every mark of a batch and adds the portal to `dirtyPortals` in one atomic script: that
 * membership is the promise that a flush will run (the jobs' sweeper queues one for every member).
 * Returns the sequence number given to this batch.
 */
export async function markDirty(redis: Redis, prefix: string, portalId: string, marks: DirtyMarks): Promise<number> {
  const lists = [marks.companyIds, marks.restoredCompanyIds, marks.retiredCompanyIds, marks.dealIds, marks.deletedDealIds, marks.restoredDealIds];
  const args = [portalId, ...lists.map((l) => l.length), ...lists.flat()];
  return Number(await runScript(redis, MARK_SCRIPT, MARK_SHA, scriptKeys(prefix, portalId), args));
}

export interface DirtyEntry {
  id: string;
  /** The version read; pass it back to clearDirty unchanged. */
  version: string;
}

export interface DirtyTake {
  companies: DirtyEntry[];
  deals: (DirtyEntry & { deleted: boolean })[];
  retiredCompanyIds: string[];
}

/** Reads up to `max` of each kind, oldest first, without removing anything. */
export async function takeDirty(redis: Redis, prefix: string, portalId: string, max: number): Promise<DirtyTake> {
  const k = dirtyKeys(prefix, portalId);
  const [companyIds, dealIds, retired] = await Promise.all([
    redis.zrange(k.companies, 0, max - 1),
    redis.zrange(k.deals, 0, max - 1),
    redis.srandmember(k.retired, max),
  ]);
  const [companyVersions, dealVersions, deleted] = await Promise.all([
    companyIds.length ? redis.hmget(k.companyVersions, ...companyIds) : Promise.resolve([]),
    dealIds.length ? redis.hmget(k.dealVersions, ...dealIds) : Promise.resolve([]),
    dealIds.length ? redis.smismember(k.deletedDeals, ...dealIds) : Promise.resolve([]),
  ]);
  const deals = dealIds.flatMap((id, i) => {
    const version = dealVersions[i];
    return version == null ? [] : [{ id, version, deleted: deleted[i] === 1 }];
  });
  const companies = companyIds.flatMap((id, i) => {
    const version = companyVersions[i];
    return version == null ? [] : [{ id, version }];
  });
  return { companies, deals, retiredCompanyIds: retired };
}

/**
 * Clears what a flush has finished: an id whose version changed since takeDirty stays dirty.
 * When nothing is left, the portal leaves `dirtyPortals` in the same atomic step.
 */
export async function clearDirty(
  redis: Redis, prefix: string, portalId: string,
  done: { companies?: DirtyEntry[]; deals?: DirtyEntry[]; retiredCompanyIds?: string[] },
): Promise<{ cleared: number; remaining: number }> {
  const companies = done.companies ?? [];
  const deals = done.deals ?? [];
  const retired = done.retiredCompanyIds ?? [];
  const args = [
    portalId, companies.length, deals.length, retired.length,
    ...companies.flatMap((e) => [e.id, e.version]), ...deals.flatMap((e) => [e.id, e.version]), ...retired,
  ];
  const [cleared, remaining] = (await runScript(redis, CLEAR_SCRIPT, CLEAR_SHA, scriptKeys(prefix, portalId), args)) as [number, number];
  return { cleared, remaining };
}

export interface DirtyCounts {
  companies: number;
  deals: number;
  deletedDeals: number;
  retiredCompanies: number;
}

export async function dirtyCounts(redis: Redis, prefix: string, portalId: string): Promise<DirtyCounts> {
  const k = dirtyKeys(prefix, portalId);
  const [companies, deals, deletedDeals, retiredCompanies] = await Promise.all([
    redis.zcard(k.companies), redis.zcard(k.deals), redis.scard(k.deletedDeals), redis.scard(k.retired),
  ]);
  return { companies, deals, deletedDeals, retiredCompanies };
}

/** Portals with work pending: the sweeper queues a flush for each. */
export async function dirtyPortals(redis: Redis, prefix: string): Promise<string[]> {
  return redis.smembers(dirtyPortalsKey(prefix));
}

// The deal → company map the jobs learn while reading associations. A deleted deal can no longer
// be read from HubSpot, so this is how its deletion still reaches its companies.

/** Records (or replaces) the companies of each deal; an empty list means "known to have none". */
export async function setDealCompanies(redis: Redis, prefix: string, portalId: string, map: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (map.size === 0) return;
  const fields = [...map].flatMap(([dealId, companyIds]) => [dealId, companyIds.join(',')]);
  await redis.hset(dirtyKeys(prefix, portalId).dealCompanies, ...fields);
}

/** The known companies of each deal; deals never learned are absent from the result. */
export async function getDealCompanies(redis: Redis, prefix: string, portalId: string, dealIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (dealIds.length === 0) return result;
  const values = await redis.hmget(dirtyKeys(prefix, portalId).dealCompanies, ...dealIds);
  dealIds.forEach((dealId, i) => {
    const value = values[i];
    if (value != null) result.set(dealId, value === '' ? [] : value.split(','));
  });
  return result;
}

/** Forgets deals (once a deletion has been routed to their companies). */
export async function forgetDealCompanies(redis: Redis, prefix: string, portalId: string, dealIds: readonly string[]): Promise<void> {
  if (dealIds.length) await redis.hdel(dirtyKeys(prefix, portalId).dealCompanies, ...dealIds);
}
