// The portfolio's state in Redis (scoring-model.md §5), so that recomputing one company between
// full passes stays exact for that company: its rank, the 'portfolio-average' thresholds and its
// place in the key-account list come from here, not from re-reading the whole portal.
//
// Ranks come from sorted sets scored by −priority, so Redis orders ties by member: a member is the
// id behind a letter for its length (`D1001`), which orders ids as the model's compareIds does
// (shorter first, then by digits) in 12 bytes for HubSpot's 11-digit ids, where the earlier
// members, ids zero-padded to 20 digits, cost 8 bytes more in each sorted set (quality.md P6d).
// A state built before (unsized: no `axesBuckets` in its totals) keeps padded members until the
// next full pass replaces it; reads take either.
//
// Each company's two axes (kept so a recompute can take its old values out of the sums) live in
// AXES_BUCKETS small hashes picked by a stable hash of the company id, fields the plain id: a
// hash of ≤ 128 short fields stays a listpack (a few bytes an entry), where one hash of every
// company is a hashtable (about 90 bytes an entry). Measured on a 5,000-company portal: 94 → about
// 30 bytes a company (quality.md P6d), and no server setting changed. How many buckets a state
// uses is held in its totals (`axesBuckets`, a power of two; absent means AXES_BUCKETS, the count
// before states were sized): a full pass sizes its rebuilt state to the portal, since each key
// costs about 100 bytes of its own (a 100-company portal: 102 → about 15 bytes a company). The
// script is given the company's bucket under every possible count and picks the one the totals
// name, so the count is read where it is used and never from a state swapped out meanwhile.
// The previous layout's one
// hash (`axes`, zero-padded ids) is still read: an upsert takes a company's old values from there
// when its bucket has none and drains it; a full pass's swap deletes what is left.
import { createHash } from 'node:crypto';
import { AXES_BUCKETS, axesBucketsFor, portalKeys, type PortfolioKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';
import type { AxisTotals, PortfolioContext, PortfolioEntry, Settings } from '../model/index.ts';
import { thresholdsFrom } from '../model/index.ts';

const pad = (id: string): string => id.padStart(20, '0');
const short = (id: string): string => String.fromCharCode(64 + id.length) + id;
/** Either member form back to the id: a short member starts with its length letter. */
const idOf = (member: string): string => (/^[A-Z]/.test(member) ? member.slice(1) : member.replace(/^0+(?=.)/, ''));

// Replaces one company's entry and keeps the axis sums right: the old values are read from the
// axes inside the script, so concurrent writers can never double-count.
// KEYS: priority, key-strategic, key-other, the legacy axes hash, totals, then the company's axes
// bucket when the state has 1, 2, 4, … AXES_BUCKETS buckets.
// ARGV: padded id, 'upsert' | 'delete', −priority, attractiveness, strength, key kind, plain id,
// short member. The legacy axes hash is keyed by the padded id; the sorted sets by the short
// member in a sized state, by the padded id in an unsized one.
const UPSERT = redisScript(`
local sized = redis.call('HGET', KEYS[5], 'axesBuckets')
local member = sized and ARGV[8] or ARGV[1]
local buckets = tonumber(sized or '${AXES_BUCKETS}')
local b = 6
while buckets > 1 and KEYS[b + 1] do buckets = buckets / 2; b = b + 1 end
local bucket = KEYS[b]
local old = redis.call('HGET', bucket, ARGV[7])
if not old then
  old = redis.call('HGET', KEYS[4], ARGV[1])
  if old then redis.call('HDEL', KEYS[4], ARGV[1]) end
end
if old then
  local a, s = string.match(old, '^([^|]*)|([^|]*)$')
  if a ~= '' then redis.call('HINCRBYFLOAT', KEYS[5], 'attrSum', -tonumber(a)); redis.call('HINCRBY', KEYS[5], 'attrCount', -1) end
  if s ~= '' then redis.call('HINCRBYFLOAT', KEYS[5], 'strSum', -tonumber(s)); redis.call('HINCRBY', KEYS[5], 'strCount', -1) end
end
redis.call('ZREM', KEYS[2], member); redis.call('ZREM', KEYS[3], member)
if ARGV[2] == 'delete' then
  redis.call('ZREM', KEYS[1], member); redis.call('HDEL', bucket, ARGV[7])
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], member)
redis.call('HSET', bucket, ARGV[7], ARGV[4] .. '|' .. ARGV[5])
if ARGV[4] ~= '' then redis.call('HINCRBYFLOAT', KEYS[5], 'attrSum', ARGV[4]); redis.call('HINCRBY', KEYS[5], 'attrCount', 1) end
if ARGV[5] ~= '' then redis.call('HINCRBYFLOAT', KEYS[5], 'strSum', ARGV[5]); redis.call('HINCRBY', KEYS[5], 'strCount', 1) end
if ARGV[6] == 'strategic' then redis.call('ZADD', KEYS[2], ARGV[3], member) elseif ARGV[6] == 'eligible' then redis.call('ZADD', KEYS[3], ARGV[3], member) end
return 1
`);

// KEYS: the n source keys, then the n target keys. Each target is replaced by its source;
// a source that does not exist (an empty sorted set is no key) leaves its target deleted.
const MOVE = redisScript(`
local n = #KEYS / 2
for i = 1, n do
  redis.call('DEL', KEYS[i + n])
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('RENAME', KEYS[i], KEYS[i + n]) end
end
return 1
`);

const list = (k: PortfolioKeys): string[] => [k.priority, k.keyStrategic, k.keyOther, k.axes, k.totals, ...k.axesBuckets, ...k.links, k.peerMix];
/** The company's bucket under each possible count (1, 2, 4, … AXES_BUCKETS): the script picks one. */
function bucketsOf(k: PortfolioKeys, id: string): string[] {
  const hash = createHash('sha1').update(id).digest().readUInt32BE(0);
  const out: string[] = [];
  for (let count = 1; count <= AXES_BUCKETS; count *= 2) out.push(k.axesBuckets[hash % count]!);
  return out;
}
const scriptKeys = (k: PortfolioKeys, id: string): string[] => [k.priority, k.keyStrategic, k.keyOther, k.axes, k.totals, ...bucketsOf(k, id)];
const axisArg = (v: number | null): string => (v === null ? '' : String(v));
const keyArg = (e: PortfolioEntry): string => (!e.keyEligible ? 'none' : e.strategic ? 'strategic' : 'eligible');

export class PortfolioState {
  private readonly keys: PortfolioKeys;

  /** The portal's live state, or (`rebuild`) the one a full pass builds aside. */
  constructor(private readonly redis: RedisClient, private readonly prefix: string, private readonly portalId: string, variant: 'live' | 'rebuild' = 'live') {
    const k = portalKeys(prefix, portalId);
    this.keys = variant === 'live' ? k.portfolio : k.rebuild.portfolio;
  }

  async upsert(entries: readonly PortfolioEntry[]): Promise<void> {
    await UPSERT.runEach(this.redis, entries.map((e) => ({
      keys: scriptKeys(this.keys, e.companyId),
      args: [pad(e.companyId), 'upsert', String(-e.priorityScore), axisArg(e.attractiveness), axisArg(e.strength), keyArg(e), e.companyId, short(e.companyId)],
    })));
  }

  async remove(companyIds: readonly string[]): Promise<void> {
    await UPSERT.runEach(this.redis, companyIds.map((id) => ({ keys: scriptKeys(this.keys, id), args: [pad(id), 'delete', '0', '', '', 'none', id, short(id)] })));
  }

  async totals(): Promise<{ attractiveness: AxisTotals; strength: AxisTotals; size: number }> {
    return (await this.read()).totals;
  }

  /** The totals, and how this state names a company in its sorted sets (sized or not). */
  private async read(): Promise<{ totals: { attractiveness: AxisTotals; strength: AxisTotals; size: number }; member: (id: string) => string }> {
    const [t, size] = await Promise.all([this.redis.hgetall(this.keys.totals), this.redis.zcard(this.keys.priority)]);
    const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
    return {
      totals: { attractiveness: { sum: n(t.attrSum), count: n(t.attrCount) }, strength: { sum: n(t.strSum), count: n(t.strCount) }, size },
      member: t.axesBuckets === undefined ? pad : short,
    };
  }

  /**
   * The profit target the last full pass worked out for 'auto' (scoring-model.md §11), held with
   * the totals so it moves in with the rebuilt state; null before the first such pass.
   */
  async profitTarget(): Promise<number | null> {
    const value = await this.redis.hget(this.keys.totals, 'profitTarget');
    const n = value === null ? NaN : Number(value);
    return Number.isFinite(n) ? n : null;
  }

  async setProfitTarget(value: number): Promise<void> {
    await this.redis.hset(this.keys.totals, 'profitTarget', String(value));
  }

  /** Sizes an empty state's axes buckets for this many companies (a full pass, before its first upsert). */
  async sizeFor(companies: number): Promise<void> {
    await this.redis.hset(this.keys.totals, 'axesBuckets', String(axesBucketsFor(companies)));
  }

  /**
   * The generation of the model whose full pass last finished writing (0 before any recorded one).
   * A pass of a newer generation fires no transition plays (§8): set only after its last write,
   * and carried into the rebuilt state at the swap, so a pass retried after its swap is as quiet
   * as the first try.
   */
  async modelGeneration(): Promise<number> {
    const value = Number(await this.redis.hget(this.keys.totals, 'modelGeneration'));
    return Number.isInteger(value) && value > 0 ? value : 0;
  }

  async setModelGeneration(generation: number): Promise<void> {
    await this.redis.hset(this.keys.totals, 'modelGeneration', String(generation));
  }

  /** The context of each company as the portfolio stands now; companies must have been upserted. */
  async contexts(entries: readonly PortfolioEntry[], settings: Pick<Settings, 'thresholds'>, wasKey: (id: string) => boolean): Promise<Map<string, PortfolioContext>> {
    // Only a full pass swaps a state in (under the portal lock, one pass at a time), never between these reads.
    const { totals, member } = await this.read();
    const thresholds = thresholdsFrom(settings, totals);
    const pipeline = this.redis.pipeline();
    pipeline.zcard(this.keys.keyStrategic);
    for (const e of entries) {
      pipeline.zrank(this.keys.priority, member(e.companyId));
      pipeline.zrank(e.strategic ? this.keys.keyStrategic : this.keys.keyOther, member(e.companyId));
    }
    const results = await execOrThrow(pipeline);
    const strategicCount = Number(results[0]);
    const out = new Map<string, PortfolioContext>();
    entries.forEach((e, i) => {
      const rank = results[1 + 2 * i] as number | null;
      const keyRank = results[2 + 2 * i] as number | null;
      if (rank === null) throw new Error(`company ${e.companyId} is missing from the portfolio state`);
      const keyPlace = !e.keyEligible || keyRank === null ? null : e.strategic ? keyRank + 1 : strategicCount + keyRank + 1;
      out.set(e.companyId, { thresholds, priorityRank: rank + 1, portfolioSize: totals.size, keyPlace, wasKey: wasKey(e.companyId) });
    });
    return out;
  }

  /**
   * Makes this state the portal's: a full pass builds a fresh state under another id while the
   * old one keeps serving flushes, then swaps it in atomically; companies not seen are gone.
   */
  async moveTo(target: PortfolioState): Promise<void> {
    await MOVE.run(this.redis, [...list(this.keys), ...list(target.keys)], []);
  }

  /** Replaces the whole state with these entries (a full pass held in memory, or a test). */
  async replaceAll(entries: readonly PortfolioEntry[]): Promise<void> {
    const rebuild = new PortfolioState(this.redis, this.prefix, this.portalId, 'rebuild');
    await rebuild.clear();
    await rebuild.sizeFor(entries.length);
    let batch: PortfolioEntry[] = [];
    for (const e of entries) {
      batch.push(e);
      if (batch.length >= 1000) {
        await rebuild.upsert(batch);
        batch = [];
      }
    }
    await rebuild.upsert(batch);
    await rebuild.moveTo(this);
  }

  /** The companies at these 1-based places of the key-account order (strategic first, then priority). */
  async atKeyPlaces(places: readonly number[]): Promise<string[]> {
    const strategic = await this.redis.zcard(this.keys.keyStrategic);
    const out: string[] = [];
    for (const place of places) {
      const [member] = place <= strategic
        ? await this.redis.zrange(this.keys.keyStrategic, place - 1, place - 1)
        : await this.redis.zrange(this.keys.keyOther, place - strategic - 1, place - strategic - 1);
      if (member) out.push(idOf(member));
    }
    return out;
  }

  /** Company ids in priority order (for the portfolio page and tests). */
  async rankedIds(limit = -1): Promise<string[]> {
    const members = await this.redis.zrange(this.keys.priority, 0, limit < 0 ? -1 : limit - 1);
    return members.map(idOf);
  }

  async clear(): Promise<void> {
    await this.redis.del(...list(this.keys));
  }
}

async function execOrThrow(pipeline: ReturnType<RedisClient['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
