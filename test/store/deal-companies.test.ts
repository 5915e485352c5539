import { describe, expect, it } from 'vitest';
import { forgetDealCompanies, getDealCompanies, setDealCompanies } from '../../src/store/deal-companies.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('deal → company map', () => {
  it('when the job learns deals, then their companies are read back, unknown deals are absent, and forgotten deals vanish', async () => {
    const { redis, prefix } = ctx;
    await setDealCompanies(redis, prefix, '7', new Map([['10', ['1', '2']], ['11', []]]));
    const read = await getDealCompanies(redis, prefix, '7', ['10', '11', '12']);
    expect(Object.fromEntries(read)).toEqual({ 10: ['1', '2'], 11: [] });
    await forgetDealCompanies(redis, prefix, '7', ['10']);
    expect((await getDealCompanies(redis, prefix, '7', ['10'])).size).toBe(0);
  });
});
