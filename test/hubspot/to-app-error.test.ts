import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/embedded/private-redis.ts';
import { PermanentError, RateLimitedError, TransientError, UnauthorizedError } from '../../src/errors.ts';
import { createSdkClient } from '../../src/hubspot/sdk-client.ts';
import { msUntilNextUtcMidnight, toAppError } from '../../src/hubspot/to-app-error.ts';
import { BASE, fixture } from '../support/hubspot-fixtures.ts';

const NOW = Date.UTC(2026, 10, 22, 18, 30, 0);

/** Runs a real SDK call against a nock reply and maps what it throws. */
async function mapped(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json;charset=utf-8' }) {
  nock(BASE).post('/crm/v3/objects/companies/batch/read').reply(status, body as nock.Body, headers);
  try {
    await createSdkClient({ HUBSPOT_API_BASE: BASE }, 'token').crm.companies.batchApi.read({ inputs: [{ id: '1' }], properties: [], propertiesWithHistory: [] });
  } catch (err) {
    return toAppError(err, NOW);
  }
  throw new Error('expected the call to fail');
}

describe('toAppError', () => {
  afterEach(() => nock.cleanAll());

  it('when HubSpot answers 429 TEN_SECONDLY_ROLLING, then it is rate-limited with a short wait', async () => {
    const fx = fixture('error-429-ten-secondly');
    const err = await mapped(429, fx.response.body, fx.response.headers);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).policyName).toBe('TEN_SECONDLY_ROLLING');
    expect((err as RateLimitedError).retryAfterMs).toBe(1000);
    expect(err.message).toContain('8038d0e0-57d1-43d5-a4e3-c9973692bec4');
  });

  it('when a 429 carries Retry-After, then that is the wait', async () => {
    const fx = fixture('error-429-ten-secondly');
    const err = await mapped(429, fx.response.body, { ...fx.response.headers, 'retry-after': '3' });
    expect((err as RateLimitedError).retryAfterMs).toBe(3000);
  });

  it('when HubSpot answers 429 DAILY, then the wait runs to the next midnight UTC', async () => {
    const fx = fixture('error-429-daily');
    const err = await mapped(429, fx.response.body, fx.response.headers);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).policyName).toBe('DAILY');
    expect((err as RateLimitedError).retryAfterMs).toBe(5.5 * 3600 * 1000);
    expect(msUntilNextUtcMidnight(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe(1000);
  });

  it('when HubSpot answers 401 for an expired token, then it is unauthorized but not revoked', async () => {
    const fx = fixture('error-401-expired-token');
    const err = await mapped(401, fx.response.body, fx.response.headers);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).revoked).toBe(false);
  });

  it('when the token endpoint refuses a refresh token, then it is unauthorized and revoked', () => {
    const fx = fixture('oauth-token-bad-refresh');
    const err = toAppError({ code: 400, body: fx.response.body, headers: {} }, NOW);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).revoked).toBe(true);
    const legacy = toAppError({ code: 400, body: { status: 'BAD_REFRESH_TOKEN', message: 'missing or invalid refresh token' }, headers: {} }, NOW);
    expect((legacy as UnauthorizedError).revoked).toBe(true);
  });

  it('when HubSpot answers 5xx (JSON or HTML), then it is transient', async () => {
    expect(await mapped(502, '<html>bad gateway</html>', { 'content-type': 'text/html' })).toBeInstanceOf(TransientError);
    expect(await mapped(503, { status: 'error', message: 'Service unavailable' })).toBeInstanceOf(TransientError);
  });

  it('when a 5xx has an empty body without content type, then it is still transient', async () => {
    expect(await mapped(503, '', {})).toBeInstanceOf(TransientError);
  });

  it('when HubSpot answers 400, 403 or 404, then it is permanent', async () => {
    expect(await mapped(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'bad' })).toBeInstanceOf(PermanentError);
    expect(await mapped(403, { status: 'error', category: 'MISSING_SCOPES', message: 'scope' })).toBeInstanceOf(PermanentError);
    expect(await mapped(404, { status: 'error', message: 'not found' })).toBeInstanceOf(PermanentError);
  });

  it('when the connection fails, then it is transient and the message hides tokens in the URL', async () => {
    nock(BASE).get(/\/oauth\/v1\/access-tokens\/.*/).replyWithError('socket hang up');
    let err: unknown;
    try {
      await createSdkClient({ HUBSPOT_API_BASE: BASE }).oauth.accessTokensApi.get('CJSP-secret-access-token');
    } catch (e) {
      err = toAppError(e, NOW);
    }
    expect(err).toBeInstanceOf(TransientError);
    expect(String((err as Error).message)).not.toContain('CJSP-secret-access-token');
    expect(JSON.stringify(err)).not.toContain('CJSP-secret-access-token');
  });

  it('when nothing listens at the HubSpot address, then the refused connection is transient and names its cause', async () => {
    const closed = await freePort(); // just free, so a connection to it is refused
    let err: unknown;
    try {
      await createSdkClient({ HUBSPOT_API_BASE: `http://127.0.0.1:${closed}` }, 'token').crm.companies.batchApi.read({ inputs: [{ id: '1' }], properties: [], propertiesWithHistory: [] });
    } catch (e) {
      err = toAppError(e, NOW);
    }
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('when the error is already an app error, then it is returned as is', () => {
    const e = new PermanentError('x');
    expect(toAppError(e, NOW)).toBe(e);
  });
});
