// The token endpoint, called directly at /oauth/v3/token: parameters in the form body only, the
// portal and installing user from the answer, and a bounded wait.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { TransientError, UnauthorizedError } from '../../src/errors.ts';
import { createOAuthApi } from '../../src/hubspot/oauth-api.ts';
import { BASE, fixture } from '../support/hubspot-fixtures.ts';
import { CLIENT_SECRET, testConfig } from '../support/test-config.ts';
import { serve, type Served } from '../support/serve.ts';

const exchangeFx = fixture('oauth-token-authorization-code');
const refreshFx = fixture('oauth-token');
let server: Served | undefined;
afterEach(async () => {
  nock.cleanAll();
  await server?.close();
  server = undefined;
});

describe('the OAuth token endpoint', () => {
  it('when a code is exchanged, then it posts every parameter in the body of /oauth/v3/token and returns the portal, the installing user and the scopes', async () => {
    let path = '';
    nock(BASE).post((p) => ((path = p), p.startsWith('/oauth/v3/token')), exchangeFx.request.body).reply(200, exchangeFx.response.body, exchangeFx.response.headers);
    const grant = await createOAuthApi({ config: testConfig() }).exchangeCode(String(exchangeFx.request.body?.code), String(exchangeFx.request.body?.redirect_uri));
    expect(path).toBe('/oauth/v3/token');
    expect(grant).toEqual({
      accessToken: exchangeFx.response.body.access_token, refreshToken: exchangeFx.response.body.refresh_token, expiresIn: 1800,
      hubId: 24681357, userId: 71234567, scopes: exchangeFx.response.body.scopes,
    });
  });

  it('when HubSpot answers in the camelCase its reference pages show, with the scopes as one string, then the grant is the same', async () => {
    nock(BASE).post('/oauth/v3/token').reply(200, { accessToken: 'CJSP-a', refreshToken: 'na1-r', expiresIn: 1800, hubId: 7, userId: 9, scopes: 'oauth crm.lists.read', tokenType: 'bearer' });
    const grant = await createOAuthApi({ config: testConfig() }).refresh('na1-r');
    expect(grant).toEqual({ accessToken: 'CJSP-a', refreshToken: 'na1-r', expiresIn: 1800, hubId: 7, userId: 9, scopes: ['oauth', 'crm.lists.read'] });
  });

  it('when HubSpot refuses the refresh token, then it is unauthorized and revoked, and the error names no secret', async () => {
    const bad = fixture('oauth-token-bad-refresh');
    nock(BASE).post('/oauth/v3/token', bad.request.body).reply(400, bad.response.body, bad.response.headers);
    const err = await createOAuthApi({ config: testConfig() }).refresh(String(refreshFx.request.body?.refresh_token)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).revoked).toBe(true);
    expect(JSON.stringify(err) + String(err)).not.toContain(CLIENT_SECRET);
  });

  it('when the token endpoint never answers, then the call fails as transient after the configured timeout', async () => {
    server = await serve(() => undefined); // holds every request open
    const err = await createOAuthApi({ config: testConfig({ HUBSPOT_API_BASE: server.url, HUBSPOT_TIMEOUT_MS: '200' }) }).refresh('na1-r').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).message).toContain('ETIMEDOUT');
  });
});
