import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import {
  clearDirty, dirtyCounts, dirtyPortals, emptyMarks, markDirty, readDirty, type DirtyMarks,
} from '../../src/store/dirty-marks.ts';
import { keysMatching } from '../support/redis-keys.ts';
import { testRedis } from '../support/redis.ts';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await testRedis());
});
afterEach(async () => cleanup());

const marks = (m: Partial<DirtyMarks>): DirtyMarks => ({ ...emptyMarks(), ...m });

describe('markDirty', () => {
  it('when a batch is marked, then its ids are dirty under the portal\'s hash tag and the portal is indexed', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1', '2', '2'], dealIds: ['10'] }));
    expect(await dirtyCounts(redis, prefix, '7')).toEqual({ companies: 2, deals: 1, deletedDeals: 0, retiredCompanies: 0, contacts: 0 });
    expect(await dirtyPortals(redis, prefix)).toEqual(['7']);
    const keys = await keysMatching(redis, `*${prefix}*`);
    expect(keys.filter((k) => !k.startsWith(`${prefix}:{7}:`)).sort()).toEqual([`${prefix}:dirty-index`]);
  });

  it('when ids are marked twice, then they are counted once and keep their first position', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1', '2'] }));
    await markDirty(redis, prefix, '7', marks({ companyIds: ['3', '1'] }));
    const take = await readDirty(redis, prefix, '7', 10);
    expect(take.companies.map((e) => e.id)).toEqual(['1', '2', '3']);
  });

  it('when a company is retired, then it leaves the dirty set and later plain marks do not bring it back', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1', '2'] }));
    await markDirty(redis, prefix, '7', marks({ retiredCompanyIds: ['1'] }));
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1'] }));
    const take = await readDirty(redis, prefix, '7', 10);
    expect(take.companies.map((e) => e.id)).toEqual(['2']);
    expect(take.retiredCompanyIds).toEqual(['1']);
  });

  it('when a retired company is restored, then it is dirty again and no longer retired', async () => {
    await markDirty(redis, prefix, '7', marks({ retiredCompanyIds: ['1'] }));
    await markDirty(redis, prefix, '7', marks({ restoredCompanyIds: ['1'] }));
    expect(await dirtyCounts(redis, prefix, '7')).toMatchObject({ companies: 1, retiredCompanies: 0 });
  });

  it('when a deal is deleted, then it is dirty with a deleted note, and a restore removes the note', async () => {
    await markDirty(redis, prefix, '7', marks({ deletedDealIds: ['10'], dealIds: ['11'] }));
    let take = await readDirty(redis, prefix, '7', 10);
    expect(take.deals.map(({ id, deleted }) => ({ id, deleted }))).toEqual([{ id: '10', deleted: true }, { id: '11', deleted: false }]);
    await markDirty(redis, prefix, '7', marks({ restoredDealIds: ['10'] }));
    take = await readDirty(redis, prefix, '7', 10);
    expect(take.deals.find((d) => d.id === '10')?.deleted).toBe(false);
  });
});

describe('contact marks (a buying role changed)', () => {
  it('when contacts are marked, then they are read with versions, a contact marked again meanwhile stays, and the portal leaves the index only when none is left', async () => {
    await markDirty(redis, prefix, '7', marks({ contactIds: ['501', '502'] }));
    expect(await dirtyCounts(redis, prefix, '7')).toMatchObject({ companies: 0, contacts: 2 });
    const take = await readDirty(redis, prefix, '7', 100);
    expect(take.contacts.map((c) => c.id)).toEqual(['501', '502']);
    await markDirty(redis, prefix, '7', marks({ contactIds: ['502'] }));
    expect(await clearDirty(redis, prefix, '7', { contacts: take.contacts })).toEqual({ cleared: 1, remaining: 1 });
    expect(await dirtyPortals(redis, prefix)).toEqual(['7']);
    const again = await readDirty(redis, prefix, '7', 100);
    expect(again.contacts.map((c) => c.id)).toEqual(['502']);
    expect(await clearDirty(redis, prefix, '7', { contacts: again.contacts })).toEqual({ cleared: 1, remaining: 0 });
    expect(await dirtyPortals(redis, prefix)).toEqual([]);
  });
});

describe('readDirty and clearDirty', () => {
  it('when a flush takes at most max ids, then the oldest come first and nothing is removed', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['a', 'b', 'c'] }));
    const take = await readDirty(redis, prefix, '7', 2);
    expect(take.companies.map((e) => e.id)).toEqual(['a', 'b']);
    expect((await dirtyCounts(redis, prefix, '7')).companies).toBe(3);
  });

  it('when everything taken is cleared, then the portal leaves dirtyPortals', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1'], deletedDealIds: ['10'], retiredCompanyIds: ['9'] }));
    const take = await readDirty(redis, prefix, '7', 100);
    const result = await clearDirty(redis, prefix, '7', take);
    expect(result).toEqual({ cleared: 3, remaining: 0 });
    expect(await dirtyCounts(redis, prefix, '7')).toEqual({ companies: 0, deals: 0, deletedDeals: 0, retiredCompanies: 0, contacts: 0 });
    expect(await dirtyPortals(redis, prefix)).toEqual([]);
  });

  it('when an id is marked again while the flush works on it, then clearing keeps it dirty (no lost update)', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1', '2'], dealIds: ['10'] }));
    const take = await readDirty(redis, prefix, '7', 100);
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1'], dealIds: ['10'] }));
    const result = await clearDirty(redis, prefix, '7', take);
    expect(result).toEqual({ cleared: 1, remaining: 2 });
    const left = await readDirty(redis, prefix, '7', 100);
    expect(left.companies.map((e) => e.id)).toEqual(['1']);
    expect(left.deals.map((e) => e.id)).toEqual(['10']);
    expect(await dirtyPortals(redis, prefix)).toEqual(['7']);
  });

  it('when portals are marked, then each keeps its own ids', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1'] }));
    await markDirty(redis, prefix, '8', marks({ companyIds: ['1', '2'] }));
    expect((await dirtyCounts(redis, prefix, '7')).companies).toBe(1);
    expect((await dirtyCounts(redis, prefix, '8')).companies).toBe(2);
    expect((await dirtyPortals(redis, prefix)).sort()).toEqual(['7', '8']);
  });

  it('when a clear finds nothing left but a newer mark was indexed meanwhile, then the portal stays indexed', async () => {
    await markDirty(redis, prefix, '7', marks({ companyIds: ['1'] }));
    const read = await readDirty(redis, prefix, '7', 100);
    // Another batch is marked and indexed between the flush's clear script and its unindexing:
    // simulated by indexing a sequence number above anything the clear can have seen.
    await redis.zadd(`${prefix}:dirty-index`, 'GT', 1e9, '7');
    expect(await clearDirty(redis, prefix, '7', read)).toEqual({ cleared: 1, remaining: 0 });
    expect(await dirtyPortals(redis, prefix)).toEqual(['7']);
  });

  it('when an older batch is indexed after a newer one, then the index keeps the newer sequence number', async () => {
    const older = await markDirty(redis, prefix, '7', marks({ companyIds: ['1'] }));
    const newer = await markDirty(redis, prefix, '7', marks({ companyIds: ['2'] }));
    await redis.zadd(`${prefix}:dirty-index`, 'GT', older, '7');
    expect(Number(await redis.zscore(`${prefix}:dirty-index`, '7'))).toBe(newer);
  });
});
