// What needs recomputing, per portal, in Redis. The receiver writes marks; the flush job reads
// them, writes results, then clears only what it read, so nothing marked is ever lost.
//
// Each dirty kind is a sorted set (order of first mark, oldest first) plus a hash id → version
// (the sequence number of the latest mark). The flush job clears an id only if its version is the
// one it read: an event that lands while the job is working keeps the id dirty (no lost update).
//
// Which portals have marks is a global index (a sorted set portal → the sequence number of its
// latest indexed mark). It lives in another slot than the marks, so on a cluster it cannot be
// written in the marks' script: the mark is written first, then indexed, and the receiver answers
// 200 only after both. The index is pruned only when a clear found nothing left, and only if no
// mark newer than that clear has been indexed (ZADD GT keeps the highest sequence number), so an
// acknowledged mark always stays indexed until a flush has taken it; the sweeper queues a flush for
// every indexed portal.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

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
  /** Contacts whose buying role or company links changed (§10): the job resolves contact → companies. */
  contactIds?: string[];
  /** Companies whose contacts changed (a contact linked or unlinked): recomputed, their contacts read again. */
  contactCompanyIds?: string[];
  /**
   * Companies whose deal or parent links changed (an association event, a merge, a deal event):
   * recomputed, their links read again. Every other company's links come from its stored inputs.
   */
  linkCompanyIds?: string[];
}

export const emptyMarks = (): DirtyMarks => ({
  companyIds: [], restoredCompanyIds: [], retiredCompanyIds: [], dealIds: [], deletedDealIds: [], restoredDealIds: [], contactIds: [], contactCompanyIds: [], linkCompanyIds: [],
});

export function marksCount(m: DirtyMarks): number {
  return m.companyIds.length + m.restoredCompanyIds.length + m.retiredCompanyIds.length
    + m.dealIds.length + m.deletedDealIds.length + m.restoredDealIds.length + (m.contactIds?.length ?? 0) + (m.contactCompanyIds?.length ?? 0)
    + (m.linkCompanyIds?.length ?? 0);
}

/** The global index of portals with marks (a sorted set; see above). */
export const dirtyIndexKey = (prefix: string): string => `${prefix}:dirty-index`;

// KEYS: companies, companyVersions, deals, dealVersions, deletedDeals, retired, seq, contacts,
// contactVersions, staleRoles, staleLinks
// ARGV: nine counts, then the ids of each list in DirtyMarks order. Returns the batch's sequence number.
const MARK = redisScript(`
local seq = redis.call('INCR', KEYS[7])
local lists, at = {}, 10
for i = 1, 9 do
  local n = tonumber(ARGV[i]); local list = {}
  for j = 1, n do list[j] = ARGV[at]; at = at + 1 end
  lists[i] = list
end
local function mark(z, h, id) redis.call('ZADD', z, 'NX', seq, id); redis.call('HSET', h, id, seq) end
for _, id in ipairs(lists[3]) do
  redis.call('SADD', KEYS[6], id); redis.call('ZREM', KEYS[1], id); redis.call('HDEL', KEYS[2], id)
end
for _, id in ipairs(lists[2]) do redis.call('SREM', KEYS[6], id); redis.call('SADD', KEYS[11], id); mark(KEYS[1], KEYS[2], id) end
for _, id in ipairs(lists[1]) do
  if redis.call('SISMEMBER', KEYS[6], id) == 0 then mark(KEYS[1], KEYS[2], id) end
end
for _, id in ipairs(lists[4]) do mark(KEYS[3], KEYS[4], id) end
for _, id in ipairs(lists[5]) do redis.call('SADD', KEYS[5], id); mark(KEYS[3], KEYS[4], id) end
for _, id in ipairs(lists[6]) do redis.call('SREM', KEYS[5], id); mark(KEYS[3], KEYS[4], id) end
for _, id in ipairs(lists[7]) do mark(KEYS[8], KEYS[9], id) end
for _, id in ipairs(lists[8]) do
  if redis.call('SISMEMBER', KEYS[6], id) == 0 then redis.call('SADD', KEYS[10], id); mark(KEYS[1], KEYS[2], id) end
end
for _, id in ipairs(lists[9]) do
  if redis.call('SISMEMBER', KEYS[6], id) == 0 then redis.call('SADD', KEYS[11], id); mark(KEYS[1], KEYS[2], id) end
end
return seq
`);

// KEYS: as MARK. ARGV: nCompanies, nDeals, nRetired, nContacts, nLinksRead, nRolesRead, then
// (id, version) pairs for companies, (id, version) pairs for deals, retired ids, (id, version)
// pairs for contacts, the companies whose links were read, those whose contacts were read.
// Returns {cleared, left, the latest sequence number}.
// A company's links (or roles) stop being stale only with its mark: one marked again since the
// flush read them (a newer association or contact event) keeps both, and they are read again.
const CLEAR = redisScript(`
local nc, nd, nr, nk = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local nl, nroles = tonumber(ARGV[5]), tonumber(ARGV[6])
local at, cleared, gone = 7, 0, {}
-- The next n (id, version) pairs: each leaves its set (and \`also\`) unless marked again since.
local function clearVersioned(set, versions, n, also)
  for i = 1, n do
    local id, v = ARGV[at], ARGV[at + 1]; at = at + 2
    if redis.call('HGET', versions, id) == v then
      redis.call('HDEL', versions, id); redis.call('ZREM', set, id)
      if also then redis.call('SREM', also, id) end
      gone[id] = true
      cleared = cleared + 1
    end
  end
end
clearVersioned(KEYS[1], KEYS[2], nc)
local companiesCleared = gone
gone = {}
clearVersioned(KEYS[3], KEYS[4], nd, KEYS[5])
for i = 1, nr do
  cleared = cleared + redis.call('SREM', KEYS[6], ARGV[at]); redis.call('SREM', KEYS[11], ARGV[at]); at = at + 1
end
clearVersioned(KEYS[8], KEYS[9], nk)
for i = 1, nl do
  if companiesCleared[ARGV[at]] then redis.call('SREM', KEYS[11], ARGV[at]) end
  at = at + 1
end
for i = 1, nroles do
  if companiesCleared[ARGV[at]] then redis.call('SREM', KEYS[10], ARGV[at]) end
  at = at + 1
end
local left = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[3]) + redis.call('SCARD', KEYS[6]) + redis.call('ZCARD', KEYS[8])
return {cleared, left, tonumber(redis.call('GET', KEYS[7]) or '0')}
`);

// KEYS: the index. ARGV: portal id, the sequence number a clear left nothing at.
const UNINDEX = redisScript(`
local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if s and tonumber(s) <= tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0
`);

function scriptKeys(prefix: string, portalId: string): string[] {
  const k = portalKeys(prefix, portalId);
  return [
    k.dirtyCompanies, k.dirtyCompanyVersions, k.dirtyDeals, k.dirtyDealVersions, k.deletedDeals, k.retiredCompanies, k.dirtySeq,
    k.dirtyContacts, k.dirtyContactVersions, k.staleRoles, k.staleLinks,
  ];
}

/**
 * Writes every mark of a batch in one atomic script, then indexes the portal: that membership is
 * the promise that a flush will run. Resolves only when both are written (a receiver acknowledges
 * after this). Returns the sequence number given to this batch.
 */
export async function markDirty(redis: RedisClient, prefix: string, portalId: string, marks: DirtyMarks): Promise<number> {
  const lists = [
    marks.companyIds, marks.restoredCompanyIds, marks.retiredCompanyIds, marks.dealIds, marks.deletedDealIds, marks.restoredDealIds,
    marks.contactIds ?? [], marks.contactCompanyIds ?? [], marks.linkCompanyIds ?? [],
  ];
  const seq = Number(await MARK.run(redis, scriptKeys(prefix, portalId), [...lists.map((l) => l.length), ...lists.flat()]));
  await redis.zadd(dirtyIndexKey(prefix), 'GT', seq, portalId);
  return seq;
}

export interface DirtyEntry {
  id: string;
  /** The version read; pass it back to clearDirty unchanged. */
  version: string;
}

export interface DirtyRead {
  companies: DirtyEntry[];
  deals: (DirtyEntry & { deleted: boolean })[];
  retiredCompanyIds: string[];
  contacts: DirtyEntry[];
}

/** Reads up to `max` of each kind, oldest first, with their versions; changes nothing. */
export async function readDirty(redis: RedisClient, prefix: string, portalId: string, max: number): Promise<DirtyRead> {
  const k = portalKeys(prefix, portalId);
  const [companyIds, dealIds, retired, contactIds] = await Promise.all([
    redis.zrange(k.dirtyCompanies, 0, max - 1),
    redis.zrange(k.dirtyDeals, 0, max - 1),
    redis.srandmember(k.retiredCompanies, max),
    redis.zrange(k.dirtyContacts, 0, max - 1),
  ]);
  const [companyVersions, dealVersions, deleted, contactVersions] = await Promise.all([
    companyIds.length ? redis.hmget(k.dirtyCompanyVersions, ...companyIds) : Promise.resolve([]),
    dealIds.length ? redis.hmget(k.dirtyDealVersions, ...dealIds) : Promise.resolve([]),
    dealIds.length ? redis.smismember(k.deletedDeals, ...dealIds) : Promise.resolve([]),
    contactIds.length ? redis.hmget(k.dirtyContactVersions, ...contactIds) : Promise.resolve([]),
  ]);
  const contacts = contactIds.flatMap((id, i) => {
    const version = contactVersions[i];
    return version == null ? [] : [{ id, version }];
  });
  const deals = dealIds.flatMap((id, i) => {
    const version = dealVersions[i];
    return version == null ? [] : [{ id, version, deleted: deleted[i] === 1 }];
  });
  const companies = companyIds.flatMap((id, i) => {
    const version = companyVersions[i];
    return version == null ? [] : [{ id, version }];
  });
  return { companies, deals, retiredCompanyIds: retired, contacts };
}

/**
 * Clears what a flush has finished: an id whose version changed since readDirty stays dirty.
 * `linksRead` / `rolesRead`: companies whose links / contacts the flush read; their stale flag
 * goes with their mark.
 * When nothing is left, the portal leaves the index unless a newer mark was indexed meanwhile.
 */
export async function clearDirty(
  redis: RedisClient, prefix: string, portalId: string,
  done: {
    companies?: DirtyEntry[]; deals?: DirtyEntry[]; retiredCompanyIds?: string[]; contacts?: DirtyEntry[];
    linksRead?: readonly string[]; rolesRead?: readonly string[];
  },
): Promise<{ cleared: number; remaining: number }> {
  const companies = done.companies ?? [];
  const deals = done.deals ?? [];
  const retired = done.retiredCompanyIds ?? [];
  const contacts = done.contacts ?? [];
  const linksRead = done.linksRead ?? [];
  const rolesRead = done.rolesRead ?? [];
  const args = [
    companies.length, deals.length, retired.length, contacts.length, linksRead.length, rolesRead.length,
    ...companies.flatMap((e) => [e.id, e.version]), ...deals.flatMap((e) => [e.id, e.version]), ...retired, ...contacts.flatMap((e) => [e.id, e.version]),
    ...linksRead, ...rolesRead,
  ];
  const [cleared, remaining, seq] = (await CLEAR.run(redis, scriptKeys(prefix, portalId), args)) as [number, number, number];
  if (remaining === 0) await UNINDEX.run(redis, [dirtyIndexKey(prefix)], [portalId, seq]);
  return { cleared, remaining };
}

export interface DirtyCounts {
  companies: number;
  deals: number;
  deletedDeals: number;
  retiredCompanies: number;
  contacts: number;
}

export async function dirtyCounts(redis: RedisClient, prefix: string, portalId: string): Promise<DirtyCounts> {
  const k = portalKeys(prefix, portalId);
  const [companies, deals, deletedDeals, retiredCompanies, contacts] = await Promise.all([
    redis.zcard(k.dirtyCompanies), redis.zcard(k.dirtyDeals), redis.scard(k.deletedDeals), redis.scard(k.retiredCompanies), redis.zcard(k.dirtyContacts),
  ]);
  return { companies, deals, deletedDeals, retiredCompanies, contacts };
}

/** Portals with work pending: the sweeper queues a flush for each. */
export async function dirtyPortals(redis: RedisClient, prefix: string): Promise<string[]> {
  return redis.zrange(dirtyIndexKey(prefix), 0, -1);
}

/** Takes a portal out of the index whatever it holds (its removal). */
export async function unindexPortal(redis: RedisClient, prefix: string, portalId: string): Promise<void> {
  await redis.zrem(dirtyIndexKey(prefix), portalId);
}
