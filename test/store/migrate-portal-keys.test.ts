// The upgrade from the `{kam}:<name>:<portal>` layout: nothing acknowledged is lost, state moves whole.
import { beforeEach, describe, expect, it } from 'vitest';
import { dirtyPortals, emptyMarks, markDirty, readDirty } from '../../src/store/dirty-marks.ts';
import { migrateLegacyDirtyPortals, migratePortalKeys } from '../../src/store/migrate-portal-keys.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { keysMatching } from '../support/redis-keys.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();
let prefix: string;
beforeEach(async () => {
  prefix = `{${ctx.prefix}}`;
});

/** Marks as the previous version's receiver wrote them (its script, less the Lua). */
async function legacyMark(portalId: string, seq: number, m: { companies?: string[]; deals?: string[]; deleted?: string[]; retired?: string[] }): Promise<void> {
  const r = ctx.redis;
  await r.set(`${prefix}:dirty-seq:${portalId}`, seq);
  for (const id of m.companies ?? []) {
    await r.zadd(`${prefix}:dirty-companies:${portalId}`, 'NX', seq, id);
    await r.hset(`${prefix}:dirty-companies-ver:${portalId}`, id, seq);
  }
  for (const id of [...(m.deals ?? []), ...(m.deleted ?? [])]) {
    await r.zadd(`${prefix}:dirty-deals:${portalId}`, 'NX', seq, id);
    await r.hset(`${prefix}:dirty-deals-ver:${portalId}`, id, seq);
  }
  if (m.deleted?.length) await r.sadd(`${prefix}:deleted-deals:${portalId}`, ...m.deleted);
  if (m.retired?.length) await r.sadd(`${prefix}:retired-companies:${portalId}`, ...m.retired);
  await r.sadd(`${prefix}:dirty-portals`, portalId);
}

describe('moving to keys tagged by portal', () => {
  it('when a portal has legacy marks and state, then every mark is dirty under the new names, indexed, and the state moved whole', async () => {
    const r = ctx.redis;
    await legacyMark('42', 7, { companies: ['1', '2'], deals: ['10'], deleted: ['11'], retired: ['3'] });
    await r.hset(`${prefix}:inputs:42`, '1', '{"id":"1"}', '2', '{"id":"2"}');
    await r.zadd(`${prefix}:pf:42:priority`, -5, '00000000000000000001');
    await r.hset(`${prefix}:settings:42`, 'json', '{}', 'version', '3');
    await r.hset(`${prefix}:plays:42`, '1:plan', 'old', '2:plan', 'old');
    await r.sadd(`${prefix}:stale-deals:42`, '10');
    await r.set(`${prefix}:lock:42`, 'holder');
    await r.zadd(`${prefix}:rl:42:api`, 1, 'x');
    await r.hset(`${prefix}:inputs:42-rebuild`, '1', '{}');
    // The new version already wrote a play for the portal: it wins over the old record.
    const k = portalKeys(prefix, '42');
    await r.hset(k.plays, '1:plan', 'new');

    const moved = await migratePortalKeys(r, prefix);

    expect(moved.marks).toBe(5);
    const read = await readDirty(r, prefix, '42', 100);
    expect(read.companies.map((c) => c.id).sort()).toEqual(['1', '2']);
    // The old receiver did not say which were link changes: their links are read again.
    expect((await r.smembers(k.staleLinks)).sort()).toEqual(['1', '2']);
    expect(read.deals.map((d) => [d.id, d.deleted]).sort()).toEqual([['10', false], ['11', true]]);
    expect(read.retiredCompanyIds).toEqual(['3']);
    expect(await dirtyPortals(r, prefix)).toEqual(['42']);
    expect(await r.hgetall(k.inputs)).toEqual({ 1: '{"id":"1"}', 2: '{"id":"2"}' });
    expect(await r.zrange(k.portfolio.priority, 0, -1)).toEqual(['00000000000000000001']);
    expect(await r.hgetall(k.settings)).toEqual({ json: '{}', version: '3' });
    expect(await r.hgetall(k.plays)).toEqual({ '1:plan': 'new', '2:plan': 'old' });
    expect(await r.smembers(k.staleDeals)).toEqual(['10']);
    expect((await keysMatching(r, `${prefix}:*`)).filter((key) => !key.endsWith(':dirty-index'))).toEqual([]);
    expect(await r.exists(k.lock, k.rebuild.inputs, k.rateLimit.api)).toBe(0);
  });

  it('when the new layout already holds marks of the portal, then the legacy ones are added and none is lost', async () => {
    await markDirty(ctx.redis, prefix, '42', { ...emptyMarks(), companyIds: ['5'] });
    await legacyMark('42', 1, { companies: ['1'] });
    await migratePortalKeys(ctx.redis, prefix);
    expect((await readDirty(ctx.redis, prefix, '42', 100)).companies.map((c) => c.id).sort()).toEqual(['1', '5']);
  });

  it('when a receiver of the previous version marks after the upgrade, then the next sweep moves those marks too', async () => {
    await migratePortalKeys(ctx.redis, prefix);
    await legacyMark('43', 1, { companies: ['9'] });
    expect(await migrateLegacyDirtyPortals(ctx.redis, prefix)).toBe(1);
    expect((await readDirty(ctx.redis, prefix, '43', 100)).companies.map((c) => c.id)).toEqual(['9']);
    expect(await dirtyPortals(ctx.redis, prefix)).toEqual(['43']);
    expect(await ctx.redis.exists(`${prefix}:dirty-portals`)).toBe(0);
  });
});
