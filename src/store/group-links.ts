// The parent links of a portal's companies (account groups, scoring-model.md §8), so that a flush
// finds every company a change touches without reading the portal again: a company's group is
// everything connected to it through links, up to its top and down to every company below.
//
// Only companies with a stated parent take room: field `p<child>` → its parent, and `c<parent>` →
// its children, comma-joined. A company alone has no entry, so a portfolio without groups stores
// nothing here. The fields live in LINK_BUCKETS small hashes picked by a stable hash of the id
// (as the portfolio's axes do): a hash of ≤ 128 short fields stays a listpack, a few bytes a field,
// where one hash of every link is a hashtable. The keys belong to the portfolio state, so a full
// pass builds them aside and swaps them in with it (portfolio-state.ts's moveTo).
import { createHash } from 'node:crypto';
import { LINK_BUCKETS, portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

// KEYS: the LINK_BUCKETS buckets. ARGV: (child, parent or '') pairs. Moves each child from its old
// parent's list to its new one's; '' removes the link. A field's bucket is the first 4 bytes of the
// SHA-1 of its company id, modulo the buckets (bucketOf below).
const SET_PARENTS = redisScript(`
local function bucket(id) return KEYS[(tonumber(string.sub(redis.sha1hex(id), 1, 8), 16) % #KEYS) + 1] end
local function without(list, id)
  local out = {}
  for item in string.gmatch(list, '[^,]+') do if item ~= id then out[#out + 1] = item end end
  return table.concat(out, ',')
end
for i = 1, #ARGV, 2 do
  local child, parent = ARGV[i], ARGV[i + 1]
  local at = bucket(child)
  local old = redis.call('HGET', at, 'p' .. child)
  if old ~= parent and not (old == false and parent == '') then
    if old then
      local ob = bucket(old)
      local rest = without(redis.call('HGET', ob, 'c' .. old) or '', child)
      if rest == '' then redis.call('HDEL', ob, 'c' .. old) else redis.call('HSET', ob, 'c' .. old, rest) end
    end
    if parent == '' then
      redis.call('HDEL', at, 'p' .. child)
    else
      redis.call('HSET', at, 'p' .. child, parent)
      local pb = bucket(parent)
      local list = redis.call('HGET', pb, 'c' .. parent)
      redis.call('HSET', pb, 'c' .. parent, list and (list .. ',' .. child) or child)
    end
  end
end
return 1
`);

export class GroupLinks {
  private readonly buckets: string[];

  /** The portal's live links, or (`rebuild`) the ones a full pass builds aside. */
  constructor(private readonly redis: RedisClient, prefix: string, portalId: string, variant: 'live' | 'rebuild' = 'live') {
    const k = portalKeys(prefix, portalId);
    this.buckets = (variant === 'live' ? k.portfolio : k.rebuild.portfolio).links;
  }

  private bucketOf(id: string): string {
    return this.buckets[createHash('sha1').update(id).digest().readUInt32BE(0) % LINK_BUCKETS]!;
  }

  /** Sets each company's stated parent (null: none). */
  async setParents(links: Iterable<readonly [string, string | null]>): Promise<void> {
    const args = [...links].flatMap(([child, parent]) => [child, parent ?? '']);
    for (let i = 0; i < args.length; i += 2000) await SET_PARENTS.run(this.redis, this.buckets, args.slice(i, i + 2000));
  }

  /** Every company connected to these through parent links (these included), however deep. */
  async connected(ids: Iterable<string>): Promise<Set<string>> {
    const seen = new Set(ids);
    let frontier = [...seen];
    while (frontier.length > 0) {
      const pipeline = this.redis.pipeline();
      for (const id of frontier) pipeline.hmget(this.bucketOf(id), `p${id}`, `c${id}`);
      const replies = (await pipeline.exec()) ?? [];
      const next: string[] = [];
      const visit = (id: string): void => {
        if (seen.has(id)) return;
        seen.add(id);
        next.push(id);
      };
      for (const [err, value] of replies) {
        if (err) throw err;
        const [parent, children] = value as [string | null, string | null];
        if (parent) visit(parent);
        children?.split(',').forEach(visit);
      }
      frontier = next;
    }
    return seen;
  }
}
