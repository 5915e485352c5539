import { describe, expect, it } from 'vitest';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { useTestRedis } from '../support/redis.ts';

describe('portal store', () => {
  const ctx = useTestRedis();

  it('when a portal installs, then it is listed as installed with its scopes and the user who installed it', async () => {
    const store = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix, now: () => 1000 });
    await store.markInstalled('24681357', { scopes: ['oauth', 'crm.objects.companies.read'], installedBy: '71234567' });
    expect(await store.isInstalled('24681357')).toBe(true);
    expect(await store.listInstalled()).toEqual(['24681357']);
    expect(await store.get('24681357')).toEqual({
      portalId: '24681357', status: 'installed', installedAt: 1000, uninstalledAt: null, reason: null, scopes: ['oauth', 'crm.objects.companies.read'],
      installedBy: '71234567', featuresRefused: {},
    });
  });

  it('when HubSpot refuses a feature\'s setup and later accepts it, then the refusal is kept with its reason and then cleared', async () => {
    const store = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix });
    await store.markInstalled('24681357', { scopes: ['oauth'] });
    await store.setFeatureRefused('24681357', 'tasks', 'HubSpot answered 403: MISSING_SCOPES');
    await store.setFeatureRefused('24681357', 'contacts', 'HubSpot answered 403');
    expect((await store.get('24681357'))?.featuresRefused).toEqual({ tasks: 'HubSpot answered 403: MISSING_SCOPES', contacts: 'HubSpot answered 403' });
    await store.setFeatureRefused('24681357', 'tasks', null);
    expect((await store.get('24681357'))?.featuresRefused).toEqual({ contacts: 'HubSpot answered 403' });
  });

  it('when a portal is marked uninstalled, then it leaves the list and keeps the reason', async () => {
    let t = 1000;
    const store = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix, now: () => t });
    await store.markInstalled('24681357');
    t = 2000;
    await store.markUninstalled('24681357', 'refresh_token_revoked');
    expect(await store.isInstalled('24681357')).toBe(false);
    expect(await store.listInstalled()).toEqual([]);
    expect(await store.get('24681357')).toMatchObject({ status: 'uninstalled', uninstalledAt: 2000, reason: 'refresh_token_revoked' });
  });

  it('when a portal re-installs, then it is installed again and the old reason is cleared', async () => {
    const store = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix });
    await store.markUninstalled('24681357', 'refresh_token_revoked');
    await store.markInstalled('24681357');
    expect(await store.get('24681357')).toMatchObject({ status: 'installed', reason: null, uninstalledAt: null });
  });

  it('when a portal is removed, then nothing of it is left', async () => {
    const store = createPortalStore({ redis: ctx.redis, prefix: ctx.prefix });
    await store.markInstalled('24681357');
    await store.remove('24681357');
    expect(await store.get('24681357')).toBeNull();
    expect(await store.listInstalled()).toEqual([]);
  });
});
