import { describe, expect, it } from 'vitest';
import { PlayLedger, type PlayRecord } from '../../src/store/play-ledger.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

const PORTAL = '24681357';

describe('play ledger', () => {
  it('when records are put, then they read back exactly: pending and created, with the portal\'s marker and with any other', async () => {
    const ledger = new PlayLedger(ctx.redis, ctx.prefix, PORTAL);
    const records: { companyId: string; kind: string; record: PlayRecord }[] = [
      { companyId: '1001', kind: 'account_plan', record: { state: 'pending', playKey: `${PORTAL}-1001-account_plan-1765000000123`, at: 1765000000123 } },
      { companyId: '1002', kind: 'quarterly_review', record: { state: 'created', playKey: `${PORTAL}-1002-quarterly_review-1765000000456`, taskId: '98765432101', at: 1765000000456 } },
      // A marker of another form (an older version's, or one with a bar in it) is kept whole.
      { companyId: '1003', kind: 'plan', record: { state: 'created', playKey: 'legacy|marker-7', taskId: '5', at: 7 } },
    ];
    await ledger.put(records);
    expect(await ledger.get(records)).toEqual(records.map((r) => r.record));
    expect(await ledger.get([{ companyId: '1004', kind: 'plan' }])).toEqual([null]);
  });

  it('when a record was written as JSON by an earlier version, then it still reads', async () => {
    const record: PlayRecord = { state: 'created', playKey: `${PORTAL}-1001-plan-5`, taskId: '77', at: 5 };
    await ctx.redis.hset(portalKeys(ctx.prefix, PORTAL).plays, '1001:plan', JSON.stringify(record));
    expect(await new PlayLedger(ctx.redis, ctx.prefix, PORTAL).get([{ companyId: '1001', kind: 'plan' }])).toEqual([record]);
  });

  it('when a portal holds 120 plays with HubSpot-sized ids, then its ledger stays a listpack (the compact encoding)', async () => {
    const ledger = new PlayLedger(ctx.redis, ctx.prefix, PORTAL);
    const at = 1765000000000;
    await ledger.put(Array.from({ length: 120 }, (_, i) => ({
      companyId: String(30_000_000_000 + i), kind: 'key_development_plan',
      record: { state: 'created' as const, playKey: `${PORTAL}-${30_000_000_000 + i}-key_development_plan-${at}`, taskId: String(90_000_000_000 + i), at },
    })));
    expect(await ctx.redis.call('OBJECT', 'ENCODING', portalKeys(ctx.prefix, PORTAL).plays)).toBe('listpack');
  });
});
