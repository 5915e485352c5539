import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { testRedis } from '../support/redis.ts';

describe('portal store', () => {
  let redis: Redis;
  let prefix: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ redis, prefix, cleanup } = await testRedis()));
  afterEach(async () => cleanup());

  it('when a portal installs, then it is listed as installed with its scopes', async () => {
    const store = createPortalStore({ redis, prefix, now: () => 1000 });
    await store.markInstalled('24681357', { scopes: ['oauth', 'crm.objects.companies.read'] });
    expect(await store.isInstalled('24681357')).toBe(true);
    expect(await store.listInstalled()).toEqual(['24681357']);
    expect(await store.get('24681357')).toEqual({
      portalId: '24681357', status: 'installed', installedAt: 1000, uninstalledAt: null, reason: null, scopes: ['oauth', 'crm.objects.companies.read'],
    });
  });

  it('when a portal is marked uninstalled, then it leaves the list and keeps the reason', async () => {
    let t = 1000;
    const store = createPortalStore({ redis, prefix, now: () => t });
    await store.markInstalled('24681357');
    t = 2000;
    await store.markUninstalled('24681357', 'refresh_token_revoked');
    expect(await store.isInstalled('24681357')).toBe(false);
    expect(await store.listInstalled()).toEqual([]);
    expect(await store.get('24681357')).toMatchObject({ status: 'uninstalled', uninstalledAt: 2000, reason: 'refresh_token_revoked' });
  });

  it('when a portal re-installs, then it is installed again and the old reason is cleared', async () => {
    const store = createPortalStore({ redis, prefix });
    await store.markUninstalled('24681357', 'refresh_token_revoked');
    await store.markInstalled('24681357');
    expect(await store.get('24681357')).toMatchObject({ status: 'installed', reason: null, uninstalledAt: null });
  });

  it('when a portal is removed, then nothing of it is left', async () => {
    const store = createPortalStore({ redis, prefix });
    await store.markInstalled('24681357');
    await store.remove('24681357');
    expect(await store.get('24681357')).toBeNull();
    expect(await store.listInstalled()).toEqual([]);
  });
});
