// R11 for the /api/hubspot routes: every route, called for its own portal, for another installed
// portal, unsigned (with the operator's ADMIN_TOKEN instead), stale and forged. Only the first
// answers, with its own portal's data; the others read and write nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccessDeniedSchema, HistoryResponseSchema, PortfolioSummarySchema, SettingsResponseSchema, SettingsWriteResponseSchema, WhatIfResponseSchema,
} from '../../src/hubspot-pages/api-contract.ts';
import { EXAMPLE_COMPANIES } from '../portfolio-page/example-portfolio.ts';
import { settingsKeys } from '../../src/store/settings-store.ts';
import { saveSettings } from '../support/save-settings.ts';
import { ADMIN_TOKEN } from './admin-app.ts';
import { callAs, startHubSpotApp, type CallOptions, type HubSpotApp } from './hubspot-app.ts';

const A = '24681357';
const B = '13572468';
const ALICE = '71234567'; // installed the app in A
const BOB = '82345678'; // installed the app in B
const A_COMPANIES = EXAMPLE_COMPANIES.slice(0, 120);
const B_COMPANIES = EXAMPLE_COMPANIES.slice(120, 200);

type Route = { name: string; path: string; method: string; body?: (version: number) => unknown; schema: { safeParse(v: unknown): { success: boolean } } };
const ROUTES: Route[] = [
  { name: 'GET portfolio', path: '/api/hubspot/portfolio', method: 'GET', schema: PortfolioSummarySchema },
  { name: 'POST what-if', path: '/api/hubspot/what-if', method: 'POST', body: () => ({ settings: { keyAccountCapacity: 5 } }), schema: WhatIfResponseSchema },
  { name: 'GET settings', path: '/api/hubspot/settings', method: 'GET', schema: SettingsResponseSchema },
  { name: 'PATCH settings', path: '/api/hubspot/settings', method: 'PATCH', body: (v) => ({ baseVersion: v, settings: { keyAccountCapacity: 7 } }), schema: SettingsWriteResponseSchema },
  { name: 'GET history', path: '/api/hubspot/settings/history', method: 'GET', schema: HistoryResponseSchema },
  { name: 'POST restore', path: '/api/hubspot/settings/restore', method: 'POST', body: (v) => ({ entryId: '2', state: 'before', baseVersion: v }), schema: SettingsWriteResponseSchema },
];

const SIX_MINUTES = 6 * 60_000;
type Case = { name: string; caller: { portalId: string; userId: string }; opts: CallOptions; status: number };
const REFUSED: Case[] = [
  { name: 'another installed portal (a user of A asking for B)', caller: { portalId: B, userId: ALICE }, opts: {}, status: 403 },
  { name: 'unsigned, with the operator ADMIN_TOKEN', caller: { portalId: A, userId: ALICE }, opts: { secret: null, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, status: 401 },
  { name: 'stale (signed 6 minutes ago)', caller: { portalId: A, userId: ALICE }, opts: { signedAt: Date.now() - SIX_MINUTES }, status: 401 },
  { name: 'forged (portalId changed to B after signing)', caller: { portalId: A, userId: ALICE }, opts: { tamper: (u) => u.searchParams.set('portalId', B) }, status: 401 },
  { name: 'forged (signed with another secret)', caller: { portalId: A, userId: ALICE }, opts: { secret: 'not-the-app-secret' }, status: 401 },
  { name: 'forged (a second portalId=B added by the page, inside the signature)', caller: { portalId: A, userId: ALICE }, opts: { query: `portalId=${B}` }, status: 401 },
];

describe('/api/hubspot routes: who gets what (R11)', () => {
  let app: HubSpotApp;
  beforeAll(async () => {
    app = await startHubSpotApp();
    await app.install(A, ALICE, A_COMPANIES);
    await app.install(B, BOB, B_COMPANIES);
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    // A's history: version 2 set capacity 9, so 'restore 2 before' has something to undo.
    await app.settings.remove(A);
    await saveSettings(app.settings, A, { keyAccountCapacity: 9 });
    await app.passQueue.obliterate({ force: true });
  });

  for (const route of ROUTES) {
    const send = async (c: { caller: { portalId: string; userId: string }; opts: CallOptions }) => {
      const version = (await app.settings.get(c.caller.portalId)).version;
      return callAs(app, c.caller, route.path, { method: route.method, body: route.body?.(version), ...c.opts });
    };

    it(`${route.name}: when called for its own portal by its installer, then 200 in the contract's shape with only that portal's data`, async () => {
      const res = await send({ caller: { portalId: A, userId: ALICE }, opts: {} });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const body = JSON.parse(text) as { portalId: string };
      expect(route.schema.safeParse(body).success).toBe(true);
      expect(body.portalId).toBe(A);
      for (const c of B_COMPANIES) expect(text).not.toContain(`"companyId":"${c.id}"`);
    });

    for (const c of REFUSED) {
      it(`${route.name}: when called ${c.name}, then ${c.status}, no data, and nothing read or written`, async () => {
        const before = { a: await app.settings.get(A), b: await app.settings.get(B), historyA: await app.settings.history(A), historyB: await app.settings.history(B) };
        app.reads.settings = 0;
        app.reads.portfolio = 0;
        const res = await send(c);
        expect(res.status).toBe(c.status);
        const body = (await res.json()) as Record<string, unknown>;
        if (c.status === 403) expect(AccessDeniedSchema.safeParse(body).success).toBe(true);
        else expect(Object.keys(body)).toEqual(['error']);
        // A refused signature reads no settings; a user of another portal reads its access rules only.
        expect(app.reads.settings).toBe(c.status === 401 ? 0 : 1);
        expect(app.reads.portfolio).toBe(0);
        expect(await app.settings.get(A)).toEqual(before.a);
        expect(await app.settings.get(B)).toEqual(before.b);
        expect(await app.settings.history(A)).toEqual(before.historyA);
        expect(await app.settings.history(B)).toEqual(before.historyB);
        expect(await app.passQueue.count()).toBe(0);
      });
    }

    it(`${route.name}: when the portal has not installed the app, then 404 and nothing is read`, async () => {
      app.reads.settings = 0;
      const res = await send({ caller: { portalId: '99999', userId: ALICE }, opts: {} });
      expect(res.status).toBe(404);
      expect(app.reads.settings).toBe(0);
      expect(await app.redis.exists(...Object.values(settingsKeys(app.prefix, '99999')))).toBe(0);
    });
  }

  it("when B's installer reads B, then B's companies only", async () => {
    const res = await callAs(app, { portalId: B, userId: BOB }, '/api/hubspot/portfolio');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).companyCount).toBe(B_COMPANIES.length);
    for (const c of A_COMPANIES) expect(text).not.toContain(`"companyId":"${c.id}"`);
  });

  it('when a user the admin made a viewer PATCHes the settings, then 403 names whom to ask and nothing is saved; the viewer still sees the portfolio', async () => {
    const grant = await callAs(app, { portalId: A, userId: ALICE }, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 2, access: { viewers: { users: [BOB] } } } });
    expect(grant.status).toBe(200);
    expect((await callAs(app, { portalId: A, userId: BOB }, '/api/hubspot/portfolio')).status).toBe(200);
    const res = await callAs(app, { portalId: A, userId: BOB }, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 3, settings: { keyAccountCapacity: 1 } } });
    expect(res.status).toBe(403);
    const body = AccessDeniedSchema.parse(await res.json());
    expect(body.reason).toBe('not-an-editor');
    expect(body.askWhom.map((p) => p.userId)).toEqual([ALICE]);
    expect(body.error).toMatch(/You may not change the key-account settings .*; ask HubSpot user 71234567 to add you/);
    expect((await app.settings.get(A)).settings.keyAccountCapacity).toBe(9);
    expect((await app.settings.get(A)).version).toBe(3);
  });

  it('when the operator token is sent to an /api/hubspot path the routes do not know, then 401 all the same', async () => {
    const res = await fetch(`${app.base}/api/hubspot/admin`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(401);
  });
});
