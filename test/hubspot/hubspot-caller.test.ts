import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { PermanentError, RateLimitedError, TransientError, UnauthorizedError } from '../../src/errors.ts';
import { rateLimitKey } from '../../src/hubspot/rate-limiter.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const readFx = fixture('companies-batch-read');
const tenSecondly = fixture('error-429-ten-secondly');
const daily = fixture('error-429-daily');
const expired = fixture('error-401-expired-token');
const refreshFx = fixture('oauth-token');
const IDS = ['18273645001', '18273645002'];
const PROPS = readFx.request.body?.properties as unknown as string[];
const PATH = '/crm/v3/objects/companies/batch/read';

const ok = () => [200, readFx.response.body, readFx.response.headers] as const;

describe('hubspot caller (through the portal client)', () => {
  const portal = usePortalHarness();

  it('when a call succeeds, then the limiter was awaited, the bearer token sent and the call counted per kind', async () => {
    const h = await portal({ accessToken: 'CJSP-current' });
    nock(BASE, { reqheaders: { authorization: 'Bearer CJSP-current' } }).post(PATH, readFx.request.body).reply(...ok());
    const res = await h.client.readCompanies(IDS, PROPS);
    expect(res.records.map((r) => r.id).sort()).toEqual(IDS);
    expect(h.limiter.acquired).toBe(1);
    expect(await h.counter.read(PORTAL)).toEqual({ 'companies.batchRead': 1 });
    expect(h.counter.total()).toBe(1);
  });

  it('when the Redis limiter is used, then every request HubSpot saw was granted by it', async () => {
    const h = await portal({ realLimiter: true });
    nock(BASE).post(PATH).reply(503, { status: 'error', message: 'Service Unavailable' });
    nock(BASE).post(PATH).times(3).reply(...ok());
    await Promise.all([h.client.readCompanies(IDS, PROPS), h.client.readCompanies(IDS, PROPS), h.client.readCompanies(IDS, PROPS)]);
    expect(await h.redis.zcard(rateLimitKey(h.prefix, PORTAL, 'api'))).toBe(4);
  });

  it('when HubSpot answers 429 TEN_SECONDLY_ROLLING, then the call waits, pauses the portal and retries instead of failing', async () => {
    const h = await portal();
    nock(BASE).post(PATH).times(2).reply(429, tenSecondly.response.body, tenSecondly.response.headers);
    nock(BASE).post(PATH).reply(...ok());
    const res = await h.client.readCompanies(IDS, PROPS);
    expect(res.records).toHaveLength(2);
    expect(h.sleeps).toEqual([1000, 2000]);
    expect(h.limiter.pauses).toEqual([1000, 2000]);
    expect(h.limiter.acquired).toBe(3);
    // Three attempts, two of them answered 429 (counted apart for /metrics).
    expect(await h.counter.read(PORTAL)).toEqual({ 'companies.batchRead': 3, '429:TEN_SECONDLY_ROLLING': 2 });
    expect(h.logs.some((l) => l.includes('hubspot rate limit hit'))).toBe(true);
  });

  it('when HubSpot answers 429 to a client that must not wait long (a flush), then the portal is paused and the call throws at once, not slept', async () => {
    const h = await portal({ maxWaitMs: 500 });
    nock(BASE).post(PATH).reply(429, tenSecondly.response.body, tenSecondly.response.headers);
    const err = await h.client.readCompanies(IDS, PROPS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
    expect(h.sleeps).toEqual([]);
    expect(h.limiter.pauses).toEqual([1000]);
    expect(nock.isDone()).toBe(true);
  });

  it('when 429s keep coming, then after a bounded number of waits the call throws RateLimitedError', async () => {
    const h = await portal();
    nock(BASE).post(PATH).times(6).reply(429, tenSecondly.response.body, tenSecondly.response.headers);
    await expect(h.client.readCompanies(IDS, PROPS)).rejects.toBeInstanceOf(RateLimitedError);
    expect(h.sleeps).toHaveLength(5);
    expect(nock.isDone()).toBe(true);
  });

  it('when HubSpot answers 429 DAILY, then it throws RateLimitedError with the wait until midnight UTC, without retrying', async () => {
    const h = await portal();
    nock(BASE).post(PATH).reply(429, daily.response.body, daily.response.headers);
    const err = await h.client.readCompanies(IDS, PROPS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).policyName).toBe('DAILY');
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect((err as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(h.sleeps).toEqual([]);
  });

  it('when a read gets a 5xx, then it is retried once and succeeds', async () => {
    const h = await portal();
    nock(BASE).post(PATH).reply(503, { status: 'error', message: 'Service Unavailable' });
    nock(BASE).post(PATH).reply(...ok());
    expect((await h.client.readCompanies(IDS, PROPS)).records).toHaveLength(2);
    expect(await h.counter.read(PORTAL)).toEqual({ 'companies.batchRead': 2 });
  });

  it('when a read gets 5xx three times, then the fourth try, after growing pauses, succeeds', async () => {
    const h = await portal();
    nock(BASE).post(PATH).times(3).reply(502, { status: 'error', message: 'Bad Gateway' });
    nock(BASE).post(PATH).reply(...ok());
    expect((await h.client.readCompanies(IDS, PROPS)).records).toHaveLength(2);
    expect(h.sleeps).toEqual([500, 1000, 2000]);
  });

  it('when a read keeps getting 5xx, then after three retries it throws TransientError for the job to retry', async () => {
    const h = await portal();
    nock(BASE).post(PATH).times(4).reply(500, { status: 'error', message: 'internal error' });
    await expect(h.client.readCompanies(IDS, PROPS)).rejects.toBeInstanceOf(TransientError);
    expect(nock.isDone()).toBe(true);
    expect(await h.counter.read(PORTAL)).toEqual({ 'companies.batchRead': 4 });
  });

  it('when a 4xx other than 401/429 comes back, then it throws PermanentError at once', async () => {
    const h = await portal();
    nock(BASE).post(PATH).reply(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'Invalid input JSON' });
    await expect(h.client.readCompanies(IDS, PROPS)).rejects.toBeInstanceOf(PermanentError);
    expect(h.limiter.acquired).toBe(1);
  });

  it('when the access token expired, then ten parallel calls cause ONE token request and all succeed with the new token', async () => {
    const h = await portal({ accessToken: 'CJSP-expired' });
    let tokenRequests = 0;
    nock(BASE).post('/oauth/v3/token', refreshFx.request.body).times(10).reply(() => {
      tokenRequests += 1;
      return [200, { ...refreshFx.response.body, access_token: 'CJSP-fresh' }, refreshFx.response.headers];
    });
    nock(BASE, { reqheaders: { authorization: 'Bearer CJSP-expired' } }).post(PATH).times(10).reply(401, expired.response.body, expired.response.headers);
    nock(BASE, { reqheaders: { authorization: 'Bearer CJSP-fresh' } }).post(PATH).times(10).reply(...ok());
    const results = await Promise.all(Array.from({ length: 10 }, () => h.client.readCompanies(IDS, PROPS)));
    expect(results.every((r) => r.records.length === 2)).toBe(true);
    expect(tokenRequests).toBe(1);
    // Every 401 and every retry was consumed; only the spare token replies are left.
    expect(nock.pendingMocks()).toEqual([expect.stringContaining('/oauth/v3/token')]);
    expect((await h.counter.read(PORTAL))['oauth.refresh']).toBe(1);
  });

  it('when a 401 persists after the refresh, then it throws UnauthorizedError (not revoked) after one retry', async () => {
    const h = await portal({ accessToken: 'CJSP-expired' });
    nock(BASE).post('/oauth/v3/token').reply(200, { ...refreshFx.response.body, access_token: 'CJSP-fresh' }, refreshFx.response.headers);
    nock(BASE).post(PATH).times(2).reply(401, expired.response.body, expired.response.headers);
    const err = await h.client.readCompanies(IDS, PROPS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).revoked).toBe(false);
    expect(nock.isDone()).toBe(true);
  });

  it('when the refresh token was revoked, then the call throws UnauthorizedError(revoked) and the portal is uninstalled', async () => {
    const h = await portal({ expiresInMs: -1 });
    const bad = fixture('oauth-token-bad-refresh');
    nock(BASE).post('/oauth/v3/token', bad.request.body).reply(400, bad.response.body, bad.response.headers);
    await expect(h.client.readCompanies(IDS, PROPS)).rejects.toMatchObject({ name: 'UnauthorizedError', revoked: true });
    expect(await h.portals.isInstalled(PORTAL)).toBe(false);
  });
});
