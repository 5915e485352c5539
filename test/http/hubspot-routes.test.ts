// What the app home and settings pages get from /api/hubspot for a signed, allowed user: the
// portfolio as `kam score` counts it, paged lists, settings that merge and never lose a field,
// history and restore, and the what-if with its limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountPageResponseSchema, HistoryResponseSchema, PortfolioSummarySchema, SettingsResponseSchema, SettingsWriteResponseSchema, WhatIfResponseSchema,
  type AccountList,
} from '../../src/hubspot-pages/api-contract.ts';
import { DEFAULT_SETTINGS } from '../../src/model/settings.ts';
import { scorePortfolio } from '../../src/model/score-portfolio.ts';
import { whatIf } from '../../src/portfolio-page/what-if.ts';
import { EXAMPLE_COMPANIES } from '../portfolio-page/example-portfolio.ts';
import { depthCompanies } from '../support/depth-portfolio.ts';
import { callAs, startHubSpotApp, type HubSpotApp } from './hubspot-app.ts';

const A = '24681357';
const ALICE = '71234567';
const me = { portalId: A, userId: ALICE, userEmail: 'alice@northwind.example' };
let clock = Date.now();

describe('/api/hubspot for an allowed user', () => {
  let app: HubSpotApp;
  beforeEach(async () => {
    clock = Date.now();
    app = await startHubSpotApp({ now: () => clock });
    await app.install(A, ALICE, EXAMPLE_COMPANIES);
  });
  afterEach(async () => app.close());

  const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
  const signedNow = {};

  it('when the home page loads, then every count is the model\'s for the stored portfolio, and a second load scores nothing again', async () => {
    const res = await callAs(app, me, '/api/hubspot/portfolio', signedNow);
    expect(res.status).toBe(200);
    const summary = PortfolioSummarySchema.parse(await res.json());
    const expected = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, new Date(clock));
    expect(summary.status).toBe('ready');
    expect(summary.companyCount).toBe(EXAMPLE_COMPANIES.length);
    expect(summary.keyList.capacity.used).toBe(expected.keyCount);
    expect(summary.keyList.capacity.line).toMatch(/^\d+ of 25 places used; /);
    for (const q of ['key', 'key_development', 'maintenance', 'opportunistic'] as const) {
      expect(summary.matrix.quadrants[q].total).toBe(expected.accounts.filter((a) => a.quadrant === q).length);
    }
    expect(summary.keyList.accounts.accounts[0]).toMatchObject({ objectTypeId: '0-2', recordUrl: expect.stringMatching(new RegExp(`^https://app\\.hubspot\\.com/contacts/${A}/record/0-2/\\d+$`)) });
    expect(summary.whaleCurve.companies).toBe(EXAMPLE_COMPANIES.length);
    const loads = app.reads.portfolio;
    expect((await callAs(app, me, '/api/hubspot/portfolio', {})).status).toBe(200);
    expect(app.reads.portfolio).toBe(loads);
  });

  it('when a list is paged by cursor, then every account of it comes exactly once, in order', async () => {
    const list: AccountList = 'quadrant:opportunistic';
    const summary = PortfolioSummarySchema.parse(await json(await callAs(app, me, '/api/hubspot/portfolio', signedNow)));
    const total = summary.matrix.quadrants.opportunistic.total;
    expect(total).toBeGreaterThan(30);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `list=${list}&limit=30${cursor ? `&cursor=${cursor}` : ''}`;
      const page = AccountPageResponseSchema.parse(await json(await callAs(app, me, '/api/hubspot/portfolio', { query }))).page;
      expect(page.total).toBe(total);
      seen.push(...page.accounts.map((a) => a.priorityRank));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
  });

  it('when a page request is malformed, then 400 names each problem', async () => {
    const res = await callAs(app, me, '/api/hubspot/portfolio', { query: 'list=everything&cursor=zzz&limit=500&group=12a' });
    expect(res.status).toBe(400);
    expect(((await json(res)).problems as string[]).map((p) => p.split(':')[0])).toEqual(['list', 'cursor', 'limit', 'group']);
    for (const group of ['', '1'.repeat(21), '-5', '1 OR 1']) {
      const bad = await callAs(app, me, '/api/hubspot/portfolio', { query: `list=all&group=${encodeURIComponent(group)}` });
      expect(bad.status, group).toBe(400);
      expect((await json(bad)).problems).toEqual(['group: a company id (1 to 20 digits), the top company of the group']);
    }
  });

  it('when the stored companies have no parent links, then each is its own group of one: a group filter gives that company alone', async () => {
    const summary = PortfolioSummarySchema.parse(await json(await callAs(app, me, '/api/hubspot/portfolio', signedNow)));
    expect(summary.groups.total).toBe(0);
    const top = summary.keyList.accounts.accounts[0]!;
    const page = AccountPageResponseSchema.parse(await json(await callAs(app, me, '/api/hubspot/portfolio', { query: `group=${top.companyId}` }))).page;
    expect(page).toMatchObject({ list: 'all', group: top.companyId, total: 1 });
    expect(page.accounts[0]).toMatchObject({ companyId: top.companyId, group: null });
  });

  it('when the settings page loads, then every field with its default, the profit target\'s number, access, and who may edit', async () => {
    const summary = PortfolioSummarySchema.parse(await json(await callAs(app, me, '/api/hubspot/portfolio')));
    const res = await callAs(app, me, '/api/hubspot/settings', signedNow);
    expect(res.headers.get('etag')).toBe('"1"');
    const view = SettingsResponseSchema.parse(await res.json());
    expect(view.fields.find((f) => f.path === 'attractivenessWeights.size')).toEqual({ path: 'attractivenessWeights.size', value: 10, default: 10, isDefault: true });
    // The number in force ('auto' gives one from the scored portfolio), as the home page shows it.
    expect(view.profitTarget).toEqual({ setting: DEFAULT_SETTINGS.profitTarget, value: summary.profitTarget.value });
    expect(view.profitTarget.value).toEqual(expect.any(Number));
    expect(view.you).toEqual({ userId: ALICE, email: 'alice@northwind.example', canView: true, canEdit: true });
    expect(view.access).toMatchObject({ installer: true, superAdmins: true });
    expect(view.optionalFeatures.find((f) => f.feature === 'super-admins')).toMatchObject({ available: false, reason: expect.stringContaining('settings.users.read') });
    expect(view.installer).toEqual({ userId: ALICE, email: null, name: null });
  });

  it('when a PATCH names one field, then only it changes, the version and ETag go up, a pass is queued, and the history names the HubSpot user', async () => {
    const res = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', headers: { 'if-match': '"1"' }, body: { settings: { strengthWeights: { price: 2 } } } });
    expect(res.status).toBe(200);
    const body = SettingsWriteResponseSchema.parse(await res.json());
    expect(res.headers.get('etag')).toBe('"2"');
    expect(body.changed).toEqual(['settings.strengthWeights.price']);
    expect(body.settings).toEqual({ ...DEFAULT_SETTINGS, strengthWeights: { ...DEFAULT_SETTINGS.strengthWeights, price: 2 } });
    expect(body.passJobId).toEqual(expect.any(String));
    expect(body.pass).toMatchObject({ jobId: body.passJobId, state: 'waiting' });
    const history = HistoryResponseSchema.parse(await json(await callAs(app, me, '/api/hubspot/settings/history', signedNow)));
    expect(history.entries[0]).toMatchObject({
      id: '2', kind: 'patch', by: { type: 'hubspot-user', userId: ALICE, email: 'alice@northwind.example' }, at: new Date(clock).toISOString(),
      changes: [{ path: 'settings.strengthWeights.price', before: 6, after: 2 }],
    });
  });

  it('when a PATCH is based on an old version, then 409 says so; without any version, 428; nothing is saved', async () => {
    await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, settings: { keyAccountCapacity: 10 } } });
    const stale = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, settings: { keyAccountCapacity: 3 } } });
    expect(stale.status).toBe(409);
    expect(await json(stale)).toMatchObject({ baseVersion: 1, currentVersion: 2, error: expect.stringMatching(/changed since version 1/) });
    const none = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { settings: { keyAccountCapacity: 3 } } });
    expect(none.status).toBe(428);
    expect((await app.settings.get(A)).settings.keyAccountCapacity).toBe(10);
  });

  it('when a PATCH resets a field with null, then that field is its default again and the others stay', async () => {
    await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, settings: { keyAccountCapacity: 10, profitTarget: 5000 } } });
    const res = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 2, settings: { profitTarget: null } } });
    expect(res.status).toBe(200);
    expect((await app.settings.get(A)).settings).toMatchObject({ keyAccountCapacity: 10, profitTarget: DEFAULT_SETTINGS.profitTarget });
  });

  it('when a PATCH is invalid or not shaped as {settings, access}, then 400 names each problem and nothing is saved', async () => {
    const bad = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, settings: { keyAccountCapacity: -1, thresholds: { strength: 12 } } } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).problems).toEqual([expect.stringMatching(/^settings\.keyAccountCapacity: /), expect.stringMatching(/^settings\.thresholds\.strength: /)]);
    const bare = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, keyAccountCapacity: 3 } });
    expect(bare.status).toBe(400);
    expect((await app.settings.get(A)).version).toBe(1);
  });

  it('when the admin would remove their own right to edit, then 403 and the access stays', async () => {
    const res = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, access: { installer: false } } });
    expect(res.status).toBe(403);
    expect((await json(res)).reason).toBe('would-lock-yourself-out');
    expect((await app.settings.get(A)).access.installer).toBe(true);
  });

  it('when an entry is restored, then the settings are as they were, kept as a new change by that user', async () => {
    await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, settings: { keyAccountCapacity: 10 } } });
    await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 2, settings: { keyAccountCapacity: 40 } } });
    const res = await callAs(app, me, '/api/hubspot/settings/restore', { method: 'POST', body: { entryId: '2', baseVersion: 3 } });
    expect(res.status).toBe(200);
    expect(SettingsWriteResponseSchema.parse(await res.json()).settings.keyAccountCapacity).toBe(10);
    const history = HistoryResponseSchema.parse(await json(await callAs(app, me, '/api/hubspot/settings/history', { query: 'limit=2' })));
    expect(history.entries.map((e) => [e.id, e.kind, e.restoredFrom])).toEqual([['4', 'restore', '2'], ['3', 'patch', null]]);
    expect(history.nextCursor).toBe('3');
    const older = HistoryResponseSchema.parse(await json(await callAs(app, me, '/api/hubspot/settings/history', { query: 'limit=2&cursor=3' })));
    expect(older.entries.map((e) => e.id)).toEqual(['2']);
    const missing = await callAs(app, me, '/api/hubspot/settings/restore', { method: 'POST', body: { entryId: '77', baseVersion: 4 } });
    expect(missing.status).toBe(404);
  });

  it('when a what-if lowers the capacity, then it names who leaves the key list, changes nothing, and the 7th in a minute is refused with 429', async () => {
    const res = await callAs(app, me, '/api/hubspot/what-if', { method: 'POST', body: { settings: { keyAccountCapacity: 5 } } });
    expect(res.status).toBe(200);
    const result = WhatIfResponseSchema.parse(await res.json());
    expect(result.current.capacity.capacity).toBe(25);
    expect(result.proposed.capacity.used).toBeLessThanOrEqual(5);
    expect(result.keyList.leaving).toBe(result.current.capacity.used - result.proposed.capacity.used);
    expect(result.keyList.leavingCompanies.length).toBe(Math.min(50, result.keyList.leaving));
    expect(result.movers.every((m) => m.keyAccount.from && !m.keyAccount.to || m.quadrant.from !== m.quadrant.to || m.category.from !== m.category.to)).toBe(true);
    expect((await app.settings.get(A)).version).toBe(1);
    for (let i = 0; i < 5; i++) expect((await callAs(app, me, '/api/hubspot/what-if', { method: 'POST', body: { settings: {} } })).status).toBe(200);
    const refused = await callAs(app, me, '/api/hubspot/what-if', { method: 'POST', body: { settings: {} } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    clock += 60_000;
    expect((await callAs(app, me, '/api/hubspot/what-if', { method: 'POST', body: { settings: {} } })).status).toBe(200);
  });

  it('when a what-if proposes invalid settings, then 400 names the problems', async () => {
    const res = await callAs(app, me, '/api/hubspot/what-if', { method: 'POST', body: { settings: { tiers: { platinumPct: 90 } } } });
    expect(res.status).toBe(400);
    expect((await json(res)).problems).toEqual([expect.stringMatching(/^settings\.tiers: tier shares add up to more than 100 %/)]);
  });

  it('when the install recorded no installer and super admins cannot be recognised, then 403 says how a super admin takes the app over', async () => {
    app.installers.delete(A);
    const res = await callAs(app, me, '/api/hubspot/portfolio');
    expect(res.status).toBe(403);
    expect((await json(res)).error).toMatch(/no one is set up to manage the app here yet: a HubSpot super admin can install it again from https:\/\/kam\.example\.com\/oauth\/install/);
  });

  it('when a what-if follows the home page, then it reuses the page\'s scoring and its counts equal scoring both settings in full', async () => {
    await callAs(app, me, '/api/hubspot/portfolio');
    const loads = app.reads.portfolio;
    const proposed = { ...DEFAULT_SETTINGS, keyAccountCapacity: 8, thresholds: { attractiveness: 6, strength: 4 } };
    const res = await callAs(app, me, '/api/hubspot/what-if', { method: 'POST', body: { settings: { keyAccountCapacity: 8, thresholds: { attractiveness: 6, strength: 4 } } } });
    const result = WhatIfResponseSchema.parse(await res.json());
    expect(app.reads.portfolio).toBe(loads);
    const full = whatIf(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, proposed, new Date(result.asOf));
    expect(result.quadrantMoves).toEqual(full.quadrantMoves);
    expect(result.categoryMoves).toEqual(full.categoryMoves);
    expect(result.current.quadrants).toEqual(full.current.quadrants);
    expect(result.proposed).toMatchObject({ quadrants: full.proposed.quadrants, categories: full.proposed.categories, capacity: full.proposed.capacity, thresholds: full.proposed.thresholds });
    expect([result.keyList.joining, result.keyList.leaving]).toEqual([full.keyList.joining, full.keyList.leaving]);
    expect(result.keyList.leavingCompanies.slice(0, 10).map((c) => c.companyId)).toEqual(full.keyList.leavingNames.map((c) => c.companyId));
    expect(result.moversTotal).toBeGreaterThan(0);
  });
});

describe('/api/hubspot with a body over the limit', () => {
  it('when a PATCH body is larger than 128 KB, then 413 before anything is read', async () => {
    const app = await startHubSpotApp();
    try {
      await app.install(A, ALICE, []);
      app.reads.settings = 0;
      const res = await callAs(app, me, '/api/hubspot/settings', { method: 'PATCH', body: { baseVersion: 1, settings: { walletFromRevenue: { byIndustry: { x: 'y'.repeat(140 * 1024) } } } } });
      expect(res.status).toBe(413);
      expect(app.reads.settings).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('/api/hubspot for a portfolio with groups and product lines', () => {
  it('when the home page loads, then it lists the groups, and a group filter pages through exactly its members, each with its whitespace', async () => {
    const companies = depthCompanies();
    const app = await startHubSpotApp({ companiesOf: (portalId) => (portalId === A ? companies : undefined) });
    try {
      await app.install(A, ALICE, []);
      const summary = PortfolioSummarySchema.parse(await (await callAs(app, me, '/api/hubspot/portfolio')).json());
      expect(summary.groups.accounts.map((a) => [a.companyId, a.group?.size])).toEqual([['101', 3], ['202', 2]]);
      expect(summary.whitespaceKnown).toBe(companies.length);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `list=all&group=101&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = AccountPageResponseSchema.parse(await (await callAs(app, me, '/api/hubspot/portfolio', { query })).json()).page;
        expect(page.total).toBe(3);
        seen.push(...page.accounts.map((a) => a.companyId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['101', '102', '103']);
      const members = AccountPageResponseSchema.parse(await (await callAs(app, me, '/api/hubspot/portfolio', { query: 'group=202' })).json()).page.accounts;
      expect(members.map((a) => [a.companyId, a.group?.ownSharePct, a.whitespaceLine])).toEqual([['202', 80, 'Licences'], ['203', 20, 'Licences']]);
    } finally {
      await app.close();
    }
  });
});

describe('/api/hubspot while the first summary is being built', () => {
  it('when the portfolio is not scored within the wait, then status computing with empty figures in the same shape, and ready on a later load', async () => {
    const app = await startHubSpotApp({ firstLoadWaitMs: 0 });
    try {
      await app.install(A, ALICE, EXAMPLE_COMPANIES);
      const first = PortfolioSummarySchema.parse(await (await callAs(app, me, '/api/hubspot/portfolio')).json());
      expect(first).toMatchObject({ status: 'computing', companyCount: 0, asOf: null, profitTarget: { setting: DEFAULT_SETTINGS.profitTarget } });
      let later = first;
      for (let i = 0; i < 200 && later.status === 'computing'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        later = PortfolioSummarySchema.parse(await (await callAs(app, me, '/api/hubspot/portfolio')).json());
      }
      expect(later).toMatchObject({ status: 'ready', companyCount: EXAMPLE_COMPANIES.length });
      expect(app.reads.portfolio).toBe(1);
    } finally {
      await app.close();
    }
  });
});
