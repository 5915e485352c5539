// Fault injection: drawn per CRM call at the configured rates from a seeded generator (the same
// seed gives the same faults), each in HubSpot's form (5xx, 429 with Retry-After, an access token
// that expires, a request never answered), counted, and switchable at runtime.
import { describe, expect, it, vi } from 'vitest';
import { FaultInjector } from '../../src/sandbox/faults.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { call } from './support.ts';
import { closeAfterEach } from '../support/close-after-each.ts';

const closing = closeAfterEach();

async function sandboxWith(options: Parameters<typeof createSandbox>[0]) {
  const sandbox = closing(await createSandbox({ rateLimit: { enabled: false }, ...options }));
  return { sandbox, token: sandbox.oauth.issueTokens().accessToken };
}

async function statuses(sandbox: Sandbox, token: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(sandbox, token, 'GET', '/crm/v3/objects/companies?limit=1')).status);
  return out;
}

describe('fault rates', () => {
  it('when 30 % server errors are configured, then about 30 % of 300 calls fail with a 5xx, each one counted', async () => {
    const { sandbox, token } = await sandboxWith({ seed: 42, faults: { serverErrorRate: 0.3 } });
    const got = await statuses(sandbox, token, 300);
    const failed = got.filter((s) => s >= 500);
    expect(failed.length).toBeGreaterThan(60);
    expect(failed.length).toBeLessThan(120);
    expect(new Set(failed)).toEqual(new Set([500, 502, 503, 504]));
    expect(sandbox.faults.counts.serverError).toBe(failed.length);
    expect(got.length - failed.length).toBe(got.filter((s) => s === 200).length);
  });

  it('when two sandboxes share a seed, then they inject the same faults on the same calls; another seed differs', async () => {
    const faults = { serverErrorRate: 0.2, rateLimitRate: 0.1, tokenExpiryRate: 0 };
    const a = await sandboxWith({ seed: 7, faults });
    const b = await sandboxWith({ seed: 7, faults });
    const c = await sandboxWith({ seed: 8, faults });
    const seqA = await statuses(a.sandbox, a.token, 80);
    expect(await statuses(b.sandbox, b.token, 80)).toEqual(seqA);
    expect(await statuses(c.sandbox, c.token, 80)).not.toEqual(seqA);
  });

  it('when faults are switched off at runtime, then the next calls succeed; rates over 1 in total are refused', async () => {
    const { sandbox, token } = await sandboxWith({ faults: { serverErrorRate: 1 } });
    expect(await statuses(sandbox, token, 2)).toEqual([500, 502]);
    sandbox.faults.set({ serverErrorRate: 0 });
    expect(await statuses(sandbox, token, 2)).toEqual([200, 200]);
    expect(() => sandbox.faults.set({ serverErrorRate: 0.6, timeoutRate: 0.5 })).toThrow();
  });
});

describe('fault forms', () => {
  it('when a 429 is injected, then it carries Retry-After and the TEN_SECONDLY_ROLLING body', async () => {
    const { sandbox, token } = await sandboxWith({ faults: { rateLimitRate: 1, retryAfterSeconds: 2 } });
    const res = await call(sandbox, token, 'POST', '/crm/v3/objects/companies/batch/read', { inputs: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.json).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(sandbox.faults.counts.rateLimit).toBe(1);
  });

  it('when a token expiry is injected, then that token answers 401 EXPIRED_AUTHENTICATION from then on and a fresh token works', async () => {
    const { sandbox, token } = await sandboxWith({ faults: { tokenExpiryRate: 1 } });
    expect((await call(sandbox, token, 'GET', '/crm/v3/objects/companies')).json).toMatchObject({ category: 'EXPIRED_AUTHENTICATION' });
    sandbox.faults.set({ tokenExpiryRate: 0 });
    expect((await call(sandbox, token, 'GET', '/crm/v3/objects/companies')).status).toBe(401);
    expect((await call(sandbox, sandbox.oauth.issueTokens().accessToken, 'GET', '/crm/v3/objects/companies')).status).toBe(200);
  });

  it('when a timeout is injected, then the request is never answered and the client gives up on its own', async () => {
    const { sandbox, token } = await sandboxWith({ faults: { timeoutRate: 1 } });
    const res = fetch(`${sandbox.url}/crm/v3/objects/companies`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(100) });
    await expect(res).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sandbox.faults.counts.timeout).toBe(1);
  });

  it('when a timeout has hangMs, then the sandbox drops the connection and the client sees a network error', async () => {
    const { sandbox, token } = await sandboxWith({ faults: { timeoutRate: 1, hangMs: 20 } });
    await expect(fetch(`${sandbox.url}/crm/v3/objects/companies`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(/fetch failed/);
    await vi.waitFor(() => expect(sandbox.calls.summary().byStatus).toEqual({ 0: 1 }));
  });

  it('when a sandbox with a hanging request closes, then close() does not wait for it', async () => {
    const sandbox = await createSandbox({ faults: { timeoutRate: 1 } });
    const token = sandbox.oauth.issueTokens().accessToken;
    const pending = fetch(`${sandbox.url}/crm/v3/objects/companies`, { headers: { authorization: `Bearer ${token}` } }).catch((e: unknown) => e);
    while (sandbox.faults.counts.timeout === 0) await new Promise((r) => setTimeout(r, 5));
    await sandbox.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('latency', () => {
  it('when latency and jitter are set, then every delay lies in [latency, latency + jitter] and a seed repeats them', () => {
    const a = new FaultInjector({ latencyMs: 40, jitterMs: 20 }, 3);
    const b = new FaultInjector({ latencyMs: 40, jitterMs: 20 }, 3);
    const delays = Array.from({ length: 200 }, () => a.delayMs());
    expect(delays.every((d) => d >= 40 && d <= 60)).toBe(true);
    expect(Array.from({ length: 200 }, () => b.delayMs())).toEqual(delays);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });
});
