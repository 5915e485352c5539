// The sandbox's per-portal burst limits on an injected clock: 110 calls per rolling 10 s with the
// X-HubSpot-RateLimit-* headers, search apart at 5 per second, HubSpot's 429 bodies, refused calls
// not counted, each portal on its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { call } from './support.ts';

let clock = 1_795_327_200_000;
let sandbox: Sandbox;
let token: string;
const get = (t = token) => call(sandbox, t, 'GET', '/crm/v3/objects/companies?limit=1');
const search = (t = token) => call(sandbox, t, 'POST', '/crm/v3/objects/companies/search', { limit: 1 });

async function burst(n: number, fn: () => ReturnType<typeof get>) {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await fn()).status);
  return statuses;
}

beforeEach(async () => {
  sandbox = await createSandbox({ now: () => clock });
  token = sandbox.oauth.issueTokens().accessToken;
});
afterEach(() => sandbox.close());

describe('ten-secondly rolling limit', () => {
  it('when 111 calls come within 10 s, then 110 pass with a falling Remaining header and the 111th gets the TEN_SECONDLY_ROLLING 429', async () => {
    const first = await get();
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
    expect(first.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(await burst(109, get)).toEqual(Array(109).fill(200));
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' });
    expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(sandbox.rateLimit.rejected).toBe(1);
    expect(sandbox.calls.summary().byStatus).toEqual({ 200: 110, 429: 1 });
  });

  it('when the window rolls on, then only the calls older than 10 s are given back', async () => {
    await burst(50, get);
    clock += 5000;
    await burst(60, get);
    expect((await get()).status).toBe(429);
    clock += 5001;
    expect(await burst(50, get)).toEqual(Array(50).fill(200));
    expect((await get()).status).toBe(429);
  });

  it('when one portal is at its limit, then another portal still has its own budget', async () => {
    sandbox.rateLimit.set({ perTenSeconds: 3 });
    const other = sandbox.oauth.issueTokens('99999999').accessToken;
    expect(await burst(4, get)).toEqual([200, 200, 200, 429]);
    expect(await burst(3, () => get(other))).toEqual([200, 200, 200]);
  });

  it('when the limit is switched off at runtime, then nothing is refused', async () => {
    sandbox.rateLimit.set({ perTenSeconds: 2 });
    expect(await burst(3, get)).toEqual([200, 200, 429]);
    sandbox.rateLimit.set({ enabled: false });
    expect(await burst(5, get)).toEqual(Array(5).fill(200));
  });
});

describe('search limit', () => {
  it('when a 6th search comes within a second, then it gets the SECONDLY 429; searches carry no rate headers and leave the 10 s budget alone', async () => {
    const ok = await search();
    expect(ok.status).toBe(200);
    expect(ok.headers.has('x-hubspot-ratelimit-remaining')).toBe(false);
    expect(await burst(4, search)).toEqual([200, 200, 200, 200]);
    const refused = await search();
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
    expect((await get()).headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
    clock += 1000;
    expect((await search()).status).toBe(200);
  });
});
