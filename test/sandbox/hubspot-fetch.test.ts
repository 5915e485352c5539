// The sandbox plays HubSpot's proxy for hubspot.fetch and answers the users API; the app's
// /api/hubspot routes (wired as the server wires them, with the real adapter) trust exactly what
// it signs: the installer and a super admin (recognised through the users API) get the portfolio,
// a rep is told whom to ask, a team the admin adds gets in, and a portalId changed after signing
// is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDeniedSchema, PortfolioSummarySchema, SettingsResponseSchema } from '../../src/hubspot-pages/api-contract.ts';
import { readAppScopes } from '../../src/hubspot/app-scopes.ts';
import { SANDBOX_INSTALLER_ID } from '../../src/sandbox/portal-users.ts';
import { call, startAppBehindProxy, type AppBehindProxy } from './support.ts';

const ADA = '71234568'; // a second super admin
const SAM = '71234569'; // sales manager, teams 9001 and 9002
const RILEY = '71234570'; // rep, team 9002

describe('the sandbox as HubSpot\'s proxy, against the app\'s /api/hubspot routes', () => {
  let app: AppBehindProxy;
  beforeAll(async () => {
    app = await startAppBehindProxy(60);
  });
  afterAll(async () => app?.close());

  const proxied = (userId: string, path: string, extra: Record<string, unknown> = {}) => app.fetchAs(userId, { url: `${app.appUrl}${path}`, ...extra });

  it('when the sandbox portal is installed, then its tokens grant the users and teams scopes the access checks read', () => {
    expect(app.sandbox.oauth.issueTokens(app.sandbox.portalId).scopes).toEqual(expect.arrayContaining(['settings.users.read', 'settings.users.teams.read']));
  });

  it('when the installer asks through the proxy, then the portfolio of the sandbox portal comes back', async () => {
    const res = await proxied(SANDBOX_INSTALLER_ID, '/api/hubspot/portfolio');
    expect(res.status).toBe(200);
    const summary = PortfolioSummarySchema.parse(await res.json());
    expect(summary).toMatchObject({ portalId: app.sandbox.portalId, status: 'ready', companyCount: 60 });
  });

  it('when the signed request has its portalId changed after signing, then the app refuses it', async () => {
    const signed = (await (await proxied(SANDBOX_INSTALLER_ID, '/api/hubspot/portfolio', { signOnly: true })).json()) as { url: string; headers: Record<string, string> };
    expect(new URL(signed.url).searchParams.get('portalId')).toBe(app.sandbox.portalId);
    expect((await fetch(signed.url, { headers: signed.headers })).status).toBe(200);
    const forged = new URL(signed.url);
    forged.searchParams.set('portalId', '13572468');
    expect((await fetch(forged, { headers: signed.headers })).status).toBe(401);
  });

  it('when a super admin who did not install asks, then the users API says so and the portfolio comes back', async () => {
    expect((await proxied(ADA, '/api/hubspot/portfolio')).status).toBe(200);
  });

  it('when a rep asks, then 403 names the installer (with the name HubSpot gives) and that super admins may help', async () => {
    const res = await proxied(RILEY, '/api/hubspot/portfolio');
    expect(res.status).toBe(403);
    const body = AccessDeniedSchema.parse(await res.json());
    expect(body.askWhom).toEqual([{ userId: SANDBOX_INSTALLER_ID, email: 'sandbox.user@example.com', name: 'Sandy Installer' }]);
    expect(body.superAdminsMay).toBe(true);
    expect(body.error).toContain('ask Sandy Installer, a super admin of this HubSpot account');
  });

  it('when the installer makes team 9001 viewers, then its manager sees the portfolio, the rep of the other team still does not, and neither may edit', async () => {
    const settings = SettingsResponseSchema.parse(await (await proxied(SANDBOX_INSTALLER_ID, '/api/hubspot/settings')).json());
    expect(settings.directory?.users.map((u) => u.userId)).toEqual([SANDBOX_INSTALLER_ID, ADA, SAM, RILEY]);
    expect(settings.directory?.teams.map((t) => t.name)).toEqual(['Key accounts', 'Inside sales']);
    expect(settings.optionalFeatures.every((f) => f.available)).toBe(true);
    const patch = await proxied(SANDBOX_INSTALLER_ID, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: settings.version, access: { viewers: { teams: ['9001'] } } } });
    expect(patch.status).toBe(200);
    expect((await proxied(SAM, '/api/hubspot/portfolio')).status).toBe(200);
    expect((await proxied(RILEY, '/api/hubspot/portfolio')).status).toBe(403);
    const samPatch = await proxied(SAM, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: settings.version + 1, settings: { keyAccountCapacity: 3 } } });
    expect(samPatch.status).toBe(403);
  });

  it('when the users API is called without the optional scope, then 403 MISSING_SCOPES as HubSpot answers', async () => {
    const bare = app.sandbox.oauth.issueTokens(app.sandbox.portalId, readAppScopes().required);
    const res = await call(app.sandbox, bare.accessToken, 'GET', `/settings/v3/users/${SANDBOX_INSTALLER_ID}`);
    expect(res.status).toBe(403);
    expect(res.json.category).toBe('MISSING_SCOPES');
  });

  it('when the proxy is asked to reach another machine, then it refuses', async () => {
    const res = await fetch(`${app.sandbox.url}/sandbox/hubspot-fetch`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/api/hubspot/portfolio', portalId: app.sandbox.portalId, userId: SANDBOX_INSTALLER_ID }),
    });
    expect(res.status).toBe(400);
  });
});
