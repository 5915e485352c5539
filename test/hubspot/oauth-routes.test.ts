import express from 'express';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createTokenCipher } from '../../src/crypto/token-cipher.ts';
import { readAppScopes } from '../../src/hubspot/app-scopes.ts';
import { createOAuthRouter } from '../../src/hubspot/oauth-routes.ts';
import { createPortalStore } from '../../src/store/portal-store.ts';
import { createTokenStore } from '../../src/store/token-store.ts';
import { useTestRedis } from '../support/redis.ts';
import { captureLogs } from '../support/capture-logs.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { CLIENT_SECRET, testConfig } from '../support/test-config.ts';
import { keysMatching, keyValues } from '../support/redis-keys.ts';
import { serve, type Served } from '../support/serve.ts';

const exchangeFx = fixture('oauth-token-authorization-code');
const CODE = String(exchangeFx.request.body?.code);
const ACCESS = String(exchangeFx.response.body.access_token);
const REFRESH = String(exchangeFx.response.body.refresh_token);

describe('OAuth install routes', () => {
  const ctx = useTestRedis();
  let server: Served | undefined;
  let base: string;
  let logs: string[];
  let installed: string[];

  async function start(opts: { config?: Config; onInstalled?: (portalId: string) => Promise<void> } = {}): Promise<void> {
    const capture = captureLogs();
    logs = capture.lines;
    installed = [];
    const app = express();
    app.use(createOAuthRouter({
      config: opts.config ?? testConfig(), redis: ctx.redis, prefix: ctx.prefix, logger: capture.logger,
      onInstalled: opts.onInstalled ?? (async (portalId) => void installed.push(portalId)),
    }));
    server = await serve(app);
    base = server.url;
  }

  async function install(): Promise<string> {
    const res = await fetch(`${base}/oauth/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') as string).searchParams.get('state') as string;
  }

  function hubspotAcceptsCode(): void {
    // The current endpoint only: no /oauth/v1 call is mocked, so one would fail the test.
    nock(BASE).post('/oauth/v3/token', exchangeFx.request.body).reply(200, exchangeFx.response.body, exchangeFx.response.headers);
  }

  afterEach(async () => {
    nock.cleanAll();
    await server?.close();
    server = undefined;
  });

  it('when /oauth/install is opened, then it redirects to HubSpot with client id, callback, scopes and a signed one-time state', async () => {
    await start();
    const res = await fetch(`${base}/oauth/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location') as string);
    expect(`${url.origin}${url.pathname}`).toBe('https://app.hubspot.com/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe(testConfig().HUBSPOT_CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe('https://kam.example.com/oauth/callback');
    expect(url.searchParams.get('scope')).toBe(readAppScopes().required.join(' '));
    expect(url.searchParams.get('optional_scope')?.split(' ')).toEqual(expect.arrayContaining(['crm.objects.contacts.read', 'crm.objects.contacts.write']));
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(await keysMatching(ctx.redis, `${ctx.prefix}*oauth-state*`)).toEqual([]); // signed: nothing stored until used (R12)
  });

  it('when HubSpot calls back with the code and state, then tokens are stored encrypted, the portal installed with its installing user, onInstalled awaited, and the page says what happens next', async () => {
    await start();
    const state = await install();
    hubspotAcceptsCode();
    const res = await fetch(`${base}/oauth/callback?code=${CODE}&state=${encodeURIComponent(state)}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain(`HubSpot account ${PORTAL}`);
    expect(html).toContain('What happens next');
    expect(installed).toEqual([PORTAL]);
    expect(nock.isDone()).toBe(true);
    const tokens = await createTokenStore({ redis: ctx.redis, prefix: ctx.prefix, cipher: createTokenCipher(testConfig().TOKEN_ENCRYPTION_KEY) }).load(PORTAL);
    expect(tokens).toMatchObject({ accessToken: ACCESS, refreshToken: REFRESH });
    expect(await createPortalStore({ redis: ctx.redis, prefix: ctx.prefix }).get(PORTAL)).toMatchObject({
      status: 'installed', scopes: exchangeFx.response.body.scopes, installedBy: String(exchangeFx.response.body.user_id),
    });
    // R8: no token, code or client secret in Redis or in any log line.
    const secrets = [ACCESS, REFRESH, CODE, CLIENT_SECRET];
    for (const { key, value } of await keyValues(ctx.redis, ctx.prefix)) for (const s of secrets) expect(`${key} ${value}`).not.toContain(s);
    for (const line of logs) for (const s of secrets) expect(line).not.toContain(s);
    expect(logs.some((l) => l.includes('portal installed'))).toBe(true);
  });

  it('when the same state comes back twice, then the second callback is refused with 400 and HubSpot is not called again', async () => {
    await start();
    const state = await install();
    hubspotAcceptsCode();
    expect((await fetch(`${base}/oauth/callback?code=${CODE}&state=${state}`)).status).toBe(200);
    const again = await fetch(`${base}/oauth/callback?code=${CODE}&state=${state}`);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('no longer valid');
    expect(installed).toEqual([PORTAL]);
  });

  it('when the state is wrong or missing, then 400 and nothing is exchanged or stored', async () => {
    await start();
    await install();
    const exchange = nock(BASE).post('/oauth/v3/token').reply(200, exchangeFx.response.body, exchangeFx.response.headers);
    expect((await fetch(`${base}/oauth/callback?code=${CODE}&state=forged-state-value`)).status).toBe(400);
    expect((await fetch(`${base}/oauth/callback?code=${CODE}`)).status).toBe(400);
    expect((await fetch(`${base}/oauth/callback?code=${CODE}&state=a&state=b`)).status).toBe(400);
    expect(exchange.isDone()).toBe(false);
    expect(await keysMatching(ctx.redis, `*${ctx.prefix}*:tokens*`)).toEqual([]);
    expect(installed).toEqual([]);
  });

  it('when the user cancels at HubSpot, then the page says nothing was installed', async () => {
    await start();
    const state = await install();
    const res = await fetch(`${base}/oauth/callback?error=access_denied&error_description=%3Cscript%3E&state=${state}`);
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('nothing was installed');
    expect(html).not.toContain('<script>');
  });

  it('when HubSpot refuses the code, then 400 and no portal is installed', async () => {
    await start();
    const state = await install();
    nock(BASE).post('/oauth/v3/token').reply(400, { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code', error: 'invalid_grant' }, { 'content-type': 'application/json' });
    const res = await fetch(`${base}/oauth/callback?code=${CODE}&state=${state}`);
    expect(res.status).toBe(400);
    expect(await keysMatching(ctx.redis, `*${ctx.prefix}*:install`)).toEqual([]);
    expect(await keysMatching(ctx.redis, `*${ctx.prefix}*:portals:installed`)).toEqual([]);
  });

  it('when HubSpot is down during the exchange, then 502 and the page offers to start again', async () => {
    await start();
    const state = await install();
    nock(BASE).post('/oauth/v3/token').reply(503, { status: 'error', message: 'unavailable' }, { 'content-type': 'application/json' });
    const res = await fetch(`${base}/oauth/callback?code=${CODE}&state=${state}`);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('/oauth/install');
  });

  it('when the post-install setup fails, then the page says so (500), and the tokens are kept for a retry', async () => {
    await start({ onInstalled: async () => Promise.reject(new Error('queue unavailable')) });
    const state = await install();
    hubspotAcceptsCode();
    const res = await fetch(`${base}/oauth/callback?code=${CODE}&state=${state}`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('safe to repeat');
    expect(await createPortalStore({ redis: ctx.redis, prefix: ctx.prefix }).isInstalled(PORTAL)).toBe(true);
  });

  it('when no HubSpot credentials are configured, then /oauth/install answers 503', async () => {
    await start({ config: testConfig({ HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: '' }) });
    expect((await fetch(`${base}/oauth/install`, { redirect: 'manual' })).status).toBe(503);
  });
});
