import { describe, expect, it } from 'vitest';
import { decodeWritten, encodeWritten, readAccountFieldsWritten, saveAccountFieldsWritten } from '../../src/store/account-fields-written.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('what we last wrote to the account fields', () => {
  it.each([
    [{ hs_is_target_account: 'true', hs_ideal_customer_profile: 'tier_1' }, 't1'],
    [{ hs_is_target_account: '', hs_ideal_customer_profile: 'tier_3' }, '-3'],
    [{ hs_is_target_account: 'true' }, 't.'],
    [{}, '..'],
  ])('when %j is kept, then it takes two characters (%s) and reads back the same', (written, code) => {
    expect(encodeWritten(written)).toBe(code);
    expect(decodeWritten(code)).toEqual(written);
  });

  it('when a batch is saved, then each company reads back its own values and others nothing, in one hash under the portal', async () => {
    await saveAccountFieldsWritten(ctx.redis, ctx.prefix, '7', new Map([['1', { hs_is_target_account: 'true', hs_ideal_customer_profile: 'tier_2' }], ['2', { hs_is_target_account: '' }]]));
    const read = await readAccountFieldsWritten(ctx.redis, ctx.prefix, '7', ['1', '2', '3']);
    expect(read).toEqual(new Map([['1', { hs_is_target_account: 'true', hs_ideal_customer_profile: 'tier_2' }], ['2', { hs_is_target_account: '' }]]));
    expect(await ctx.redis.hgetall(portalKeys(ctx.prefix, '7').accountFieldsWritten)).toEqual({ 1: 't2', 2: '-.' });
    expect((await readAccountFieldsWritten(ctx.redis, ctx.prefix, '8', ['1'])).size).toBe(0);
  });
});
