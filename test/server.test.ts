// The composed HTTP server over real HTTP and a real Redis: health, metrics, admin auth, webhook
// refusal, OAuth install redirect.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { testRedis, testRedisUrl } from './support/redis.ts';
import { portalKeys } from '../src/store/portal-keys.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
let running: RunningServer;
const ADMIN = 'admin-token-for-tests-0123456789';

beforeEach(async () => {
  ctx = await testRedis();
  const config = loadConfig({
    HUBSPOT_CLIENT_ID: 'client-id', HUBSPOT_CLIENT_SECRET: 'client-secret', HUBSPOT_APP_ID: '3141592', PORT: '0',
    REDIS_URL: testRedisUrl(), QUEUE_PREFIX: `{${ctx.prefix}}`, ADMIN_TOKEN: ADMIN, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PUBLIC_BASE_URL: 'https://kam.example.com',
  });
  running = await startServer(config, pino({ level: 'silent' }));
});
afterEach(async () => {
  await running.close();
  await ctx.cleanup();
});

describe('server', () => {
  it('when probed, then /healthz answers with the Node version it runs on and /readyz answers ready', async () => {
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', node: process.version });
    expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({ status: 'ready', redis: 'ok', queues: 'ok' });
  });

  it('when scraped, then /metrics lists webhook outcomes and job counts in Prometheus format', async () => {
    expect((await fetch(`${running.url}/webhooks/hubspot`, { method: 'POST', body: '[]' })).status).toBe(401);
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toContain('kam_webhook_requests_total{outcome="refused"} 1');
    expect(text).toMatch(/kam_jobs\{queue="kam-flush",state="waiting"\} 0/);
  });

  it('when the portfolio page, what-if or settings API are called without credentials, then 401 and nothing is saved', async () => {
    expect((await fetch(`${running.url}/portfolio`)).status).toBe(401);
    expect((await fetch(`${running.url}/api/portfolio/what-if?portal=1`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${running.url}/api/settings?portal=1`)).status).toBe(401);
    const put = await fetch(`${running.url}/api/settings?portal=1`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profitTarget: 1 }) });
    expect(put.status).toBe(401);
    expect(await ctx.redis.exists(portalKeys(`{${ctx.prefix}}`, '1').settings)).toBe(0);
  });

  it('when the queue dashboard is opened without or with wrong credentials, then 401; with the admin token, 200', async () => {
    expect((await fetch(`${running.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${running.url}/admin/queues`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const basic = Buffer.from(`admin:${ADMIN}`).toString('base64');
    expect((await fetch(`${running.url}/admin/queues`, { headers: { authorization: `Basic ${basic}` } })).status).toBe(200);
  });

  it('when an admin installs, then /oauth/install redirects to HubSpot with the manifest scopes and a state', async () => {
    const res = await fetch(`${running.url}/oauth/install`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location') ?? '');
    expect(url.origin + url.pathname).toBe('https://app.hubspot.com/oauth/authorize');
    expect(url.searchParams.get('scope')?.split(' ')).toContain('crm.objects.companies.write');
    expect(url.searchParams.get('optional_scope')?.split(' ')).toContain('crm.objects.contacts.write');
    expect(url.searchParams.get('redirect_uri')).toBe('https://kam.example.com/oauth/callback');
    expect(url.searchParams.get('state')).toBeTruthy();
  });
});
