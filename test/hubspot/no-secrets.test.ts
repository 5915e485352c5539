// R8: across a portal's life (tokens stored, refreshed, rejected, calls failing in every way, the
// refresh token revoked), no token and no client secret reaches Redis in plain text or any log line.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOAuthApi } from '../../src/hubspot/oauth-api.ts';
import { createRateLimiter } from '../../src/hubspot/rate-limiter.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import { removePortalState } from '../../src/store/remove-portal-state.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';
import { CLIENT_SECRET } from '../support/test-config.ts';
import { keyValues } from '../support/redis-keys.ts';

const refreshFx = fixture('oauth-token');
const bad = fixture('oauth-token-bad-refresh');
const expired = fixture('error-401-expired-token');
const readFx = fixture('companies-batch-read');
const OLD = 'CJSP-old-access-token-0123456789';
const NEW = 'CJSP-new-access-token-9876543210';
const REFRESH = String(refreshFx.request.body?.refresh_token);

describe('secrets at rest and in logs', () => {
  const portal = usePortalHarness();

  it('when a portal goes through refresh, 401, failures and revocation, then no secret is in any Redis key or log line', async () => {
    const h = await portal({ accessToken: OLD, realLimiter: true });
    const client = h.client;
    const boundary = (err: unknown) => h.logger.error({ err }, 'job failed'); // what the worker does

    nock(BASE).post('/crm/v3/objects/companies/batch/read').reply(401, expired.response.body, expired.response.headers);
    nock(BASE).post('/oauth/v3/token', refreshFx.request.body).reply(200, { ...refreshFx.response.body, access_token: NEW }, refreshFx.response.headers);
    nock(BASE).post('/crm/v3/objects/companies/batch/read').reply(200, readFx.response.body, readFx.response.headers);
    await client.readCompanies(['18273645001', '18273645002'], ['name']);

    nock(BASE).post('/oauth/v3/token').replyWithError('socket hang up');
    await createOAuthApi({ config: h.config }).refresh(REFRESH).catch(boundary);
    nock(BASE).post('/crm/v3/objects/companies/batch/read').times(2).reply(500, { status: 'error', message: 'internal' });
    await client.readCompanies(['1'], ['name']).catch(boundary);

    await h.tokenStore.save(PORTAL, { accessToken: NEW, refreshToken: REFRESH, expiresAt: Date.now() - 1 });
    nock(BASE).post('/oauth/v3/token', bad.request.body).reply(400, bad.response.body, bad.response.headers);
    await client.readCompanies(['1'], ['name']).catch(boundary);
    expect(await h.portals.isInstalled(PORTAL)).toBe(false);

    const secrets = [OLD, NEW, REFRESH, CLIENT_SECRET, String(refreshFx.response.body.access_token)];
    const keys = await keyValues(h.redis, h.prefix);
    expect(keys.length).toBeGreaterThan(0);
    for (const { key, value } of keys) for (const s of secrets) expect(`${key} ${value}`, key).not.toContain(s);
    expect(h.logs.filter((l) => l.includes('job failed'))).toHaveLength(3);
    for (const line of h.logs) for (const s of secrets) expect(line).not.toContain(s);
    // The errors are still useful: kind and HubSpot's category survive the scrubbing.
    expect(h.logs.some((l) => l.includes('TransientError') && l.includes('socket hang up'))).toBe(true);
    expect(h.logs.some((l) => l.includes('"revoked":true'))).toBe(true);
  });

  it('when a portal is removed, then none of the keys the adapter keeps for it remain', async () => {
    const h = await portal();
    const limiter = createRateLimiter({ redis: h.redis, prefix: h.prefix, limits: { api: { limit: 100, windowMs: 10_000 }, search: { limit: 5, windowMs: 1000 } } });
    await limiter.acquire(PORTAL);
    await limiter.acquire(PORTAL, 'search');
    await limiter.pause(PORTAL, 60_000);
    await h.counter.count(PORTAL, 'companies.batchRead');
    await h.counter.count('11111111', 'companies.batchRead');
    expect((await keyValues(h.redis, h.prefix)).filter((k) => k.key.includes(PORTAL)).length).toBeGreaterThanOrEqual(5);
    await removePortalState(h.redis, h.prefix, PORTAL);
    const left = await keyValues(h.redis, h.prefix);
    expect(left.filter((k) => k.key.includes(PORTAL) || k.value.includes(PORTAL))).toEqual([]);
    // What is left: the other portal's counts, and the totals over every portal (naming no portal but the other).
    expect(left.map((k) => k.key).sort()).toEqual([`${h.prefix}:calls-by-portal`, `${h.prefix}:calls-total`, portalKeys(h.prefix, '11111111').calls].sort());
    expect(await h.tokenStore.load(PORTAL)).toBeNull();
  });
});
