import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { TransientError, UnauthorizedError } from '../../src/errors.ts';
import { createAccessTokenProvider } from '../../src/hubspot/access-tokens.ts';
import { createOAuthApi } from '../../src/hubspot/oauth-api.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { usePortalHarness, type PortalHarness } from '../support/portal-harness.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';

const refreshFx = fixture('oauth-token');
const badRefreshFx = fixture('oauth-token-bad-refresh');
const NEW_TOKEN = 'CJSP-new-access-token-after-refresh';

/** The token endpoint, answering the fixture's refresh with a new access token; counts requests. */
function tokenEndpoint(): { requests: () => number } {
  let n = 0;
  nock(BASE)
    .post('/oauth/v3/token', refreshFx.request.body)
    .times(5)
    .reply(() => {
      n += 1;
      return [200, { ...refreshFx.response.body, access_token: NEW_TOKEN }, refreshFx.response.headers];
    });
  return { requests: () => n };
}

/** A second "process": its own provider (own in-process state) on the same Redis and stores. */
const secondProcess = (h: PortalHarness) =>
  createAccessTokenProvider({ redis: h.redis, prefix: h.prefix, tokens: h.tokenStore, portals: h.portals, oauth: createOAuthApi({ config: h.config }), logger: h.logger, pollMs: 5 });

describe('access tokens', () => {
  const portal = usePortalHarness();

  it('when the token is far from expiry, then it is returned without calling HubSpot', async () => {
    const h = await portal({ accessToken: 'CJSP-current' });
    expect(await h.tokens.getAccessToken(PORTAL)).toBe('CJSP-current');
  });

  it('when the token expires within five minutes, then ten concurrent callers in two processes cause one refresh', async () => {
    const h = await portal({ accessToken: 'CJSP-old', expiresInMs: 4 * 60_000 });
    const endpoint = tokenEndpoint();
    const other = secondProcess(h);
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? h.tokens : other).getAccessToken(PORTAL)));
    expect(tokens).toEqual(Array(10).fill(NEW_TOKEN));
    expect(endpoint.requests()).toBe(1);
    const stored = await h.tokenStore.load(PORTAL);
    expect(stored?.accessToken).toBe(NEW_TOKEN);
    expect(stored!.expiresAt - Date.now()).toBeGreaterThan(25 * 60_000);
    expect(await h.redis.exists(portalKeys(h.prefix, PORTAL).tokenRefreshLock)).toBe(0);
  });

  it('when callers report the same rejected token, then it is refreshed once and later callers get the new one', async () => {
    const h = await portal({ accessToken: 'CJSP-rejected' });
    const endpoint = tokenEndpoint();
    const other = secondProcess(h);
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? h.tokens : other).getAccessToken(PORTAL, { rejected: 'CJSP-rejected' })));
    expect(new Set(tokens)).toEqual(new Set([NEW_TOKEN]));
    expect(endpoint.requests()).toBe(1);
    // A late report of the old token does not refresh again.
    expect(await other.getAccessToken(PORTAL, { rejected: 'CJSP-rejected' })).toBe(NEW_TOKEN);
    expect(endpoint.requests()).toBe(1);
  });

  it('when HubSpot refuses the refresh token, then the portal is uninstalled, its tokens deleted, and callers get a revoked error', async () => {
    const h = await portal({ expiresInMs: -1000 });
    let n = 0;
    nock(BASE).post('/oauth/v3/token', badRefreshFx.request.body).reply(() => {
      n += 1;
      return [400, badRefreshFx.response.body, badRefreshFx.response.headers];
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => h.tokens.getAccessToken(PORTAL)));
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.revoked).toBe(true);
    }
    expect(n).toBe(1);
    expect(await h.portals.get(PORTAL)).toMatchObject({ status: 'uninstalled', reason: 'refresh_token_revoked' });
    expect(await h.tokenStore.load(PORTAL)).toBeNull();
    await expect(secondProcess(h).getAccessToken(PORTAL)).rejects.toMatchObject({ revoked: true });
  });

  it('when the token endpoint fails with 5xx, then the error is transient and the old tokens are kept', async () => {
    const h = await portal({ accessToken: 'CJSP-old', expiresInMs: -1000 });
    nock(BASE).post('/oauth/v3/token').reply(502, { status: 'error', message: 'Bad gateway' });
    await expect(h.tokens.getAccessToken(PORTAL)).rejects.toBeInstanceOf(TransientError);
    expect((await h.tokenStore.load(PORTAL))?.accessToken).toBe('CJSP-old');
    expect(await h.portals.isInstalled(PORTAL)).toBe(true);
  });

  it('when a portal has no tokens, then the error says it must install (revoked)', async () => {
    const h = await portal();
    await h.tokenStore.remove(PORTAL);
    await expect(h.tokens.getAccessToken(PORTAL)).rejects.toMatchObject({ name: 'UnauthorizedError', revoked: true });
  });
});
