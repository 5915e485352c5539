// The composed HTTP server over real HTTP and a real Redis: health, metrics, admin auth, webhook
// refusal, OAuth install redirect.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallCounter } from '../src/hubspot/call-counter.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { recordFlushLatency } from '../src/store/flush-latency.ts';
import { keysMatching } from './support/redis-keys.ts';
import { testRedisUrl, useTestRedis } from './support/redis.ts';
import { portalKeys } from '../src/store/portal-keys.ts';
import { testConfig } from './support/test-config.ts';

const ctx = useTestRedis();
let running: RunningServer;
const ADMIN = 'admin-token-for-tests-0123456789';

beforeEach(async () => {
  const config = testConfig({ PORT: '0', REDIS_URL: testRedisUrl(), QUEUE_PREFIX: `{${ctx.prefix}}`, ADMIN_TOKEN: ADMIN });
  running = await startServer(config, pino({ level: 'silent' }));
});
afterEach(async () => {
  await running.close();
});

describe('server', () => {
  it('when probed, then /healthz answers with the Node version it runs on and /readyz answers ready', async () => {
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', node: process.version });
    expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({ status: 'ready', redis: 'ok', queues: 'ok' });
  });

  it('when scraped with the token, then /metrics lists webhook outcomes, job counts and the flush latency histogram in Prometheus format', async () => {
    expect((await fetch(`${running.url}/webhooks/hubspot`, { method: 'POST', body: '[]' })).status).toBe(401);
    await recordFlushLatency(ctx.redis, `{${ctx.prefix}}`, 0.7);
    await recordFlushLatency(ctx.redis, `{${ctx.prefix}}`, 400);
    const text = await (await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    expect(text).toContain('kam_webhook_requests_total{outcome="refused"} 1');
    expect(text).toMatch(/kam_jobs\{queue="kam-flush",state="waiting"\} 0/);
    expect(text).toContain('# TYPE kam_flush_latency_seconds histogram');
    const buckets = [...text.matchAll(/kam_flush_latency_seconds_bucket\{le="([^"]+)"\} (\d+)/g)].map((m) => [m[1], Number(m[2])]);
    expect(buckets).toEqual([['0.5', 0], ['1', 1], ['2', 1], ['3', 1], ['5', 1], ['10', 1], ['30', 1], ['60', 1], ['300', 1], ['+Inf', 2]]);
    expect(text).toContain('kam_flush_latency_seconds_count 2');
    expect(text).toContain('kam_flush_latency_seconds_sum 400.7');
  });

  it('when /metrics is scraped without a token, then 401 and no figure; with a token, no label names a portal however many called HubSpot', async () => {
    const anonymous = await fetch(`${running.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('kam_');
    const counter = createCallCounter({ redis: ctx.redis, prefix: `{${ctx.prefix}}` });
    for (let p = 1; p <= 300; p++) await counter.count(String(90_000 + p), 'crm.companies.batch.read');
    const text = await (await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text();
    expect(text).toContain('kam_hubspot_calls{kind="crm.companies.batch.read"} 300');
    expect(text).not.toMatch(/9\d{4}/); // no portal id anywhere
    const busiest = await (await fetch(`${running.url}/admin/hubspot-calls?limit=3`, { headers: { authorization: `Bearer ${ADMIN}` } })).json() as { portals: unknown[] };
    expect(busiest.portals).toHaveLength(3);
  });

  it('when a JSON route gets a body that is not the gzip it claims to be, then 400, not 500', async () => {
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const put = await fetch(`${running.url}/api/settings?portal=1`, { method: 'PUT', headers, body: 'not gzip at all' });
    expect(put.status).toBe(400);
    expect(await put.json()).toMatchObject({ error: 'the body could not be read' });
  });

  it('when an operator page is served, then no other site may frame it; a state-changing request from another site is refused', async () => {
    const basic = `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`;
    const page = await fetch(`${running.url}/admin/queues`, { headers: { authorization: basic } });
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    // A cross-site form POST, as a browser holding the basic-auth credentials would send it.
    const forged = await fetch(`${running.url}/admin/queues/api/queues/kam-flush/add`, {
      method: 'POST', headers: { authorization: basic, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x',
    });
    expect(forged.status).toBe(403);
    const put = await fetch(`${running.url}/api/settings?portal=1`, {
      method: 'PUT', headers: { authorization: basic, origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ profitTarget: 1 }),
    });
    expect(put.status).toBe(403);
    expect(await ctx.redis.exists(`{${ctx.prefix}}:settings:1`)).toBe(0);
    expect(await keysMatching(ctx.redis, `*${ctx.prefix}*kam-flush:[0-9]*`)).toEqual([]);
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
