// The upgrade from the layout where every key carried QUEUE_PREFIX's one hash tag
// (`{kam}:inputs:24681357`) to keys tagged by portal (`kam:{24681357}:inputs`, portal-keys.ts).
// Runs when a worker starts; the legacy marks are also moved by every sweep, in case a receiver of
// the old version still wrote some meanwhile.
//
// No acknowledged mark is lost: a portal's legacy marks are written as new marks (with new
// versions, so no flush can mistake them for ones it read) and indexed before the legacy ones are
// cleared, and the clear removes only the ids at the versions that were read, exactly as the old
// flush did. The other keys are copied whole (DUMP/RESTORE works across slots) unless the new
// layout already has them, and then deleted; locks, rate-limit windows and a pass's scratch keys
// are short-lived and simply deleted.
import type { Logger } from '../logger.ts';
import { markDirty } from './dirty-marks.ts';
import { portalKeys, type PortalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';
import { scanKeys } from './scan-keys.ts';

/** The old layout's set of portals with marks. */
export const legacyDirtyPortalsKey = (prefix: string): string => `${prefix}:dirty-portals`;

function legacyMarkKeys(prefix: string, portalId: string) {
  return {
    companies: `${prefix}:dirty-companies:${portalId}`,
    companyVersions: `${prefix}:dirty-companies-ver:${portalId}`,
    deals: `${prefix}:dirty-deals:${portalId}`,
    dealVersions: `${prefix}:dirty-deals-ver:${portalId}`,
    deletedDeals: `${prefix}:deleted-deals:${portalId}`,
    retired: `${prefix}:retired-companies:${portalId}`,
    seq: `${prefix}:dirty-seq:${portalId}`,
  };
}

// KEYS: the legacy companies, companyVersions, deals, dealVersions, deletedDeals, retired, seq and
// dirty-portals keys. ARGV: portalId, nCompanies, nDeals, nRetired, (id, version) pairs, retired ids.
// The old flush's clear: an id goes only at the version read; the portal leaves the set when empty.
const LEGACY_CLEAR = redisScript(`
local nc, nd, nr = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local at = 5
for i = 1, nc do
  local id, v = ARGV[at], ARGV[at + 1]; at = at + 2
  if redis.call('HGET', KEYS[2], id) == v then redis.call('HDEL', KEYS[2], id); redis.call('ZREM', KEYS[1], id) end
end
for i = 1, nd do
  local id, v = ARGV[at], ARGV[at + 1]; at = at + 2
  if redis.call('HGET', KEYS[4], id) == v then
    redis.call('HDEL', KEYS[4], id); redis.call('ZREM', KEYS[3], id); redis.call('SREM', KEYS[5], id)
  end
end
for i = 1, nr do redis.call('SREM', KEYS[6], ARGV[at]); at = at + 1 end
local left = redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[3]) + redis.call('SCARD', KEYS[6])
if left == 0 then redis.call('SREM', KEYS[8], ARGV[1]); redis.call('DEL', KEYS[7], KEYS[5]) end
return left
`);

async function versioned(redis: RedisClient, set: string, versions: string): Promise<{ id: string; version: string }[]> {
  const ids = await redis.zrange(set, 0, -1);
  if (!ids.length) return [];
  const vs = await redis.hmget(versions, ...ids);
  return ids.flatMap((id, i) => (vs[i] == null ? [] : [{ id, version: vs[i]! }]));
}

/** Moves one portal's legacy marks to the new layout; returns how many ids moved. */
async function migrateLegacyMarks(redis: RedisClient, prefix: string, portalId: string): Promise<number> {
  const old = legacyMarkKeys(prefix, portalId);
  const [companies, deals, retired, deleted] = await Promise.all([
    versioned(redis, old.companies, old.companyVersions),
    versioned(redis, old.deals, old.dealVersions),
    redis.smembers(old.retired),
    redis.smembers(old.deletedDeals),
  ]);
  const isDeleted = new Set(deleted);
  // An older receiver did not say which marks were link changes: every company's links are read again.
  await markDirty(redis, prefix, portalId, {
    companyIds: [],
    linkCompanyIds: companies.map((c) => c.id),
    restoredCompanyIds: [],
    retiredCompanyIds: retired,
    dealIds: deals.filter((d) => !isDeleted.has(d.id)).map((d) => d.id),
    deletedDealIds: deals.filter((d) => isDeleted.has(d.id)).map((d) => d.id),
    restoredDealIds: [],
    contactIds: [],
  });
  await LEGACY_CLEAR.run(redis, [...Object.values(old), legacyDirtyPortalsKey(prefix)], [
    portalId, companies.length, deals.length, retired.length,
    ...companies.flatMap((c) => [c.id, c.version]), ...deals.flatMap((d) => [d.id, d.version]), ...retired,
  ]);
  return companies.length + deals.length + retired.length;
}

/** Moves the marks of every portal in the legacy set (cheap when it is empty: one SMEMBERS). */
export async function migrateLegacyDirtyPortals(redis: RedisClient, prefix: string): Promise<number> {
  let moved = 0;
  for (const portalId of await redis.smembers(legacyDirtyPortalsKey(prefix))) moved += await migrateLegacyMarks(redis, prefix, portalId);
  return moved;
}

type Move = 'copy' | 'merge-hash' | 'merge-set' | 'drop';

/** Where a legacy per-portal key goes, or null when the name is not one of the old layout's. */
function legacyTarget(prefix: string, key: string): { portalId: string; target: string | null; move: Move } | null {
  const rest = key.slice(prefix.length + 1);
  const pick = (portalId: string, f: (k: PortalKeys) => string | null, move: Move) => ({ portalId, target: f(portalKeys(prefix, portalId)), move });
  let m: RegExpMatchArray | null;
  if ((m = rest.match(/^pf:(\d+)(-rebuild)?:(priority|key-strategic|key-other|axes|totals)$/))) {
    const part = ({ priority: 'priority', 'key-strategic': 'keyStrategic', 'key-other': 'keyOther', axes: 'axes', totals: 'totals' } as const)[m[3] as 'axes'];
    return m[2] ? pick(m[1]!, () => null, 'drop') : pick(m[1]!, (k) => k.portfolio[part], 'copy');
  }
  if ((m = rest.match(/^(inputs|lock|pass):(\d+)-rebuild$/))) return pick(m[2]!, () => null, 'drop');
  if ((m = rest.match(/^rl:(\d+):(api|search)(:pause)?$/))) return pick(m[1]!, () => null, 'drop');
  if ((m = rest.match(/^tokens:(\d+):refresh-lock$/))) return pick(m[1]!, () => null, 'drop');
  if (!(m = rest.match(/^([a-z-]+):(\d+)$/))) return null;
  const [, name, portalId] = m as unknown as [string, string, string];
  switch (name) {
    case 'inputs': return pick(portalId, (k) => k.inputs, 'copy');
    case 'settings': return pick(portalId, (k) => k.settings, 'copy');
    case 'tokens': return pick(portalId, (k) => k.tokens, 'copy');
    case 'portal': return pick(portalId, (k) => k.install, 'copy');
    case 'calls': return pick(portalId, (k) => k.calls, 'copy');
    case 'plays': return pick(portalId, (k) => k.plays, 'merge-hash');
    case 'deal-companies': return pick(portalId, (k) => k.dealCompanies, 'merge-hash');
    case 'stale-deals': return pick(portalId, (k) => k.staleDeals, 'merge-set');
    // dirty-seq outlives its marks in the old layout; a portal with marks was moved above.
    case 'lock': case 'pass': case 'pass-lock': case 'pass-flushed': case 'dirty-seq': return pick(portalId, () => null, 'drop');
    default: return null; // the marks (moved above) and anything not ours
  }
}

async function moveKey(redis: RedisClient, from: string, to: string | null, move: Move): Promise<void> {
  if (to && move === 'merge-set') {
    const members = await redis.smembers(from);
    if (members.length) await redis.sadd(to, ...members);
  } else if (to && move === 'merge-hash' && (await redis.exists(to)) === 1) {
    // The new layout already wrote some: its fields are newer, the old ones only fill the gaps.
    const old = await redis.hgetall(from);
    const pipeline = redis.pipeline();
    for (const [field, value] of Object.entries(old)) pipeline.hsetnx(to, field, value);
    await pipeline.exec();
  } else if (to && (await redis.exists(to)) === 0) {
    const dump = await redis.dumpBuffer(from);
    if (dump) await redis.restore(to, 0, dump);
  }
  await redis.del(from);
}

/** Moves every key of the legacy layout under `prefix`; returns how many keys and marks moved. */
export async function migratePortalKeys(redis: RedisClient, prefix: string, logger?: Logger): Promise<{ keys: number; marks: number }> {
  const marks = await migrateLegacyDirtyPortals(redis, prefix);
  let keys = 0;
  for (const key of await scanKeys(redis, `${prefix}:*`)) {
    const where = legacyTarget(prefix, key);
    if (!where) continue;
    await moveKey(redis, key, where.target, where.move);
    keys += 1;
  }
  if (keys || marks) logger?.info({ keys, marks }, 'redis keys moved to the per-portal layout');
  return { keys, marks };
}
