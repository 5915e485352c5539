// The parent links of a portal's companies (account groups, scoring-model.md §8), so that a flush
// finds every company a change touches without reading the portal again: a company's group is
// everything connected to it through links, up to its top and down to every company below.
//
// Only companies with a stated parent take room: `parents` (child → parent) and `children`
// (parent → its children, comma-joined). A company alone has no entry, so a portfolio without
// groups stores nothing here. The keys belong to the portfolio state, so a full pass builds them
// aside and swaps them in with it (portfolio-state.ts's moveTo).
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';

// KEYS: parents, children. ARGV: (child, parent or '') pairs. Moves each child from its old
// parent's list to its new one's; '' removes the link.
const SET_PARENTS = redisScript(`
local function without(list, id)
  local out = {}
  for item in string.gmatch(list, '[^,]+') do if item ~= id then out[#out + 1] = item end end
  return table.concat(out, ',')
end
for i = 1, #ARGV, 2 do
  local child, parent = ARGV[i], ARGV[i + 1]
  local old = redis.call('HGET', KEYS[1], child)
  if old ~= parent and not (old == false and parent == '') then
    if old then
      local rest = without(redis.call('HGET', KEYS[2], old) or '', child)
      if rest == '' then redis.call('HDEL', KEYS[2], old) else redis.call('HSET', KEYS[2], old, rest) end
    end
    if parent == '' then
      redis.call('HDEL', KEYS[1], child)
    else
      redis.call('HSET', KEYS[1], child, parent)
      local list = redis.call('HGET', KEYS[2], parent)
      redis.call('HSET', KEYS[2], parent, list and (list .. ',' .. child) or child)
    end
  end
end
return 1
`);

export class GroupLinks {
  private readonly parentsKey: string;
  private readonly childrenKey: string;

  /** The portal's live links, or (`rebuild`) the ones a full pass builds aside. */
  constructor(private readonly redis: RedisClient, prefix: string, portalId: string, variant: 'live' | 'rebuild' = 'live') {
    const k = portalKeys(prefix, portalId);
    const pf = variant === 'live' ? k.portfolio : k.rebuild.portfolio;
    this.parentsKey = pf.parents;
    this.childrenKey = pf.children;
  }

  /** Sets each company's stated parent (null: none). */
  async setParents(links: Iterable<readonly [string, string | null]>): Promise<void> {
    const args = [...links].flatMap(([child, parent]) => [child, parent ?? '']);
    for (let i = 0; i < args.length; i += 2000) await SET_PARENTS.run(this.redis, [this.parentsKey, this.childrenKey], args.slice(i, i + 2000));
  }

  /** Every company connected to these through parent links (these included), however deep. */
  async connected(ids: Iterable<string>): Promise<Set<string>> {
    const seen = new Set(ids);
    let frontier = [...seen];
    while (frontier.length > 0) {
      const [parents, children] = await Promise.all([this.redis.hmget(this.parentsKey, ...frontier), this.redis.hmget(this.childrenKey, ...frontier)]);
      const next: string[] = [];
      const visit = (id: string): void => {
        if (seen.has(id)) return;
        seen.add(id);
        next.push(id);
      };
      parents.forEach((p) => p && visit(p));
      children.forEach((list) => list?.split(',').forEach(visit));
      frontier = next;
    }
    return seen;
  }
}
