// The portal profile on a real Redis: the depth flag is true only for this release's property set,
// the currency keeps only a currency code, and the settings the jobs and pages read carry the
// portal's currency unless the admin chose one.
import { describe, expect, it } from 'vitest';
import { portalKeys } from '../../src/store/portal-keys.ts';
import {
  DEPTH_PROPERTIES_VERSION, depthPropertiesReady, portalCurrency, setDepthPropertiesReady, setPortalCurrency,
} from '../../src/store/portal-profile.ts';
import { OPERATOR } from '../../src/store/settings-history.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { useTestRedis } from '../support/redis.ts';

const ctx = useTestRedis();

describe('depth properties flag', () => {
  it('when provisioning succeeded for this release, then it is ready; a flag from an older property set or a cleared one is not', async () => {
    expect(await depthPropertiesReady(ctx.redis, ctx.prefix, '7')).toBe(false);
    await setDepthPropertiesReady(ctx.redis, ctx.prefix, '7', true);
    expect(await depthPropertiesReady(ctx.redis, ctx.prefix, '7')).toBe(true);
    expect(await depthPropertiesReady(ctx.redis, ctx.prefix, '8')).toBe(false);
    await ctx.redis.hset(portalKeys(ctx.prefix, '7').profile, 'depth-properties', 'an-older-set');
    expect(await depthPropertiesReady(ctx.redis, ctx.prefix, '7')).toBe(false);
    await setDepthPropertiesReady(ctx.redis, ctx.prefix, '7', true);
    await setDepthPropertiesReady(ctx.redis, ctx.prefix, '7', false);
    expect(await depthPropertiesReady(ctx.redis, ctx.prefix, '7')).toBe(false);
    expect(DEPTH_PROPERTIES_VERSION).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('portal currency', () => {
  it('when HubSpot named a currency, then the settings carry it unless the admin chose one', async () => {
    const store = new SettingsStore(ctx.redis, ctx.prefix);
    expect((await store.get('7')).settings.currency).toBeNull();
    await setPortalCurrency(ctx.redis, ctx.prefix, '7', 'CHF');
    expect(await portalCurrency(ctx.redis, ctx.prefix, '7')).toBe('CHF');
    expect((await store.get('7')).settings.currency).toBe('CHF');
    const base = await store.get('7');
    const saved = await store.write('7', { kind: 'patch', baseVersion: base.version, by: OPERATOR, settings: { currency: 'USD' } });
    expect(saved.ok).toBe(true);
    expect((await store.get('7')).settings.currency).toBe('USD');
  });

  it('when something that is not a currency code comes, then it is refused and what was kept stays', async () => {
    await setPortalCurrency(ctx.redis, ctx.prefix, '7', 'EUR');
    await expect(setPortalCurrency(ctx.redis, ctx.prefix, '7', 'euro<script>')).rejects.toThrow(/not a currency code/);
    expect(await portalCurrency(ctx.redis, ctx.prefix, '7')).toBe('EUR');
  });
});
