import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/model/index.ts';
import { saveSettings } from '../support/save-settings.ts';
import { BASIC, BEARER, readJson, useAdminApp, type AdminApp } from './admin-app.ts';

const PORTAL = '24681357';
const url = (app: AdminApp, portal: string | null = PORTAL) => `${app.base}/api/settings${portal ? `?portal=${portal}` : ''}`;
const put = (app: AdminApp, body: string, headers: Record<string, string> = { authorization: BASIC, 'content-type': 'application/json', 'if-match': '"1"' }) =>
  fetch(url(app), { method: 'PUT', headers, body });

const putAt = (app: AdminApp, version: number, body: string) =>
  put(app, body, { authorization: BASIC, 'content-type': 'application/json', 'if-match': `"${version}"` });

describe('settings API', () => {
  const app = useAdminApp(() => Date.UTC(2026, 10, 22));
  beforeEach(async () => {
    await app.portals.markInstalled(PORTAL);
  });

  it('when called without admin credentials, then GET and PUT answer 401 and nothing is saved', async () => {
    expect((await fetch(url(app))).status).toBe(401);
    const res = await put(app, JSON.stringify({ keyAccountCapacity: 5 }), { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect(await app.settings.get(PORTAL)).toMatchObject({ settings: DEFAULT_SETTINGS, version: 1 });
    expect(await app.passQueue.count()).toBe(0);
  });

  it('when nothing was saved yet, then GET answers the defaults at version 1', async () => {
    const res = await fetch(url(app), { headers: { authorization: BEARER } });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ portalId: PORTAL, version: 1, settings: DEFAULT_SETTINGS });
    expect(res.headers.get('etag')).toBe('"1"');
  });

  it('when valid settings are PUT, then they are saved with the version bumped, a settings pass is queued, and GET answers them', async () => {
    const res = await put(app, JSON.stringify({ keyAccountCapacity: 40, profitTarget: 150_000 }));
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toMatchObject({ portalId: PORTAL, version: 2, settings: { ...DEFAULT_SETTINGS, keyAccountCapacity: 40, profitTarget: 150_000 } });
    expect(body.passJobId).toEqual(expect.any(String));
    const job = await app.passQueue.getJob(String(body.passJobId));
    expect(job?.data).toEqual({ portalId: PORTAL, reason: 'settings' });
    expect(await app.settings.get(PORTAL)).toMatchObject({ settings: body.settings, version: 2, updatedBy: { type: 'operator' } });
    expect(res.headers.get('etag')).toBe('"2"');
    const again = await readJson(await fetch(url(app), { headers: { authorization: BASIC } }));
    expect(again).toEqual({ portalId: PORTAL, version: 2, settings: body.settings });
    expect(app.logs.some((l) => l.includes('settings saved, pass queued'))).toBe(true);
  });

  it('when invalid settings are PUT, then every problem comes back with its path, and the old settings and version are untouched', async () => {
    await saveSettings(app.settings, PORTAL, { keyAccountCapacity: 40 });
    const before = await app.settings.get(PORTAL);
    const res = await putAt(app, 2, JSON.stringify({
      keyAccountCapacity: 2.5, profitTarget: -1, strengthWeights: { price: 'high' }, thresholds: { attractiveness: 11 },
      tiers: { platinumPct: 60, goldPct: 30, silverPct: 30 }, typo: true,
    }));
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      '(settings)', 'keyAccountCapacity', 'profitTarget', 'strengthWeights.price', 'thresholds.attractiveness', 'tiers',
    ]);
    expect(body.problems).toHaveLength(6);
    for (const p of body.problems) expect(p).toMatch(/^[\w.()]+: .+/);
    expect(await app.settings.get(PORTAL)).toEqual(before);
    expect(await app.passQueue.count()).toBe(0);
  });

  it('when the body is empty, not an object or not JSON, then it is refused rather than read as "all defaults"', async () => {
    await saveSettings(app.settings, PORTAL, { keyAccountCapacity: 40 });
    for (const body of ['', 'null', '[1]', '"defaults"', '{"keyAccountCapacity": 3']) {
      const res = await putAt(app, 2, body);
      expect(res.status, body).toBe(400);
      expect((await readJson(res)).problems[0], body).toMatch(/^\(body\): /);
    }
    expect((await app.settings.get(PORTAL)).settings.keyAccountCapacity).toBe(40);
    expect((await app.settings.get(PORTAL)).version).toBe(2);
  });

  it('when curl sends JSON as form data, then it is still read as JSON', async () => {
    const res = await put(app, '{"keyAccountCapacity": 7}', { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded', 'if-match': '1' });
    expect(res.status).toBe(200);
    expect((await readJson(res)).settings.keyAccountCapacity).toBe(7);
  });

  it('when the portal is unknown or not named among several, then it answers 404 / 400 and saves nothing', async () => {
    const unknown = await fetch(url(app, '999'), { method: 'PUT', headers: { authorization: BASIC }, body: '{}' });
    expect(unknown.status).toBe(404);
    await app.portals.markInstalled('42');
    const unnamed = await fetch(url(app, null), { headers: { authorization: BASIC } });
    expect(unnamed.status).toBe(400);
    expect((await readJson(unnamed)).portals).toEqual(['24681357', '42']);
    expect(await app.passQueue.count()).toBe(0);
  });

  it('when a PUT names no version, then 428 says to send If-Match and nothing is saved', async () => {
    const res = await put(app, JSON.stringify({ keyAccountCapacity: 40 }), { authorization: BASIC, 'content-type': 'application/json' });
    expect(res.status).toBe(428);
    expect((await readJson(res)).error).toMatch(/If-Match/);
    expect((await app.settings.get(PORTAL)).version).toBe(1);
    expect(await app.passQueue.count()).toBe(0);
  });

  it('when a PUT is based on an older version, then 409 names both versions and the newer settings stay', async () => {
    await saveSettings(app.settings, PORTAL, { keyAccountCapacity: 40 });
    const res = await putAt(app, 1, JSON.stringify({ keyAccountCapacity: 5 }));
    expect(res.status).toBe(409);
    const body = await readJson<{ error: string; baseVersion: number; currentVersion: number }>(res);
    expect(body).toMatchObject({ baseVersion: 1, currentVersion: 2 });
    expect(body.error).toMatch(/changed since version 1 \(now version 2\); nothing was saved/);
    expect((await app.settings.get(PORTAL)).settings.keyAccountCapacity).toBe(40);
    expect(await app.passQueue.count()).toBe(0);
  });

  it('when a PUT names only some fields, then it replaces: the fields not named go back to their defaults, and the history shows each', async () => {
    await saveSettings(app.settings, PORTAL, { keyAccountCapacity: 40, profitTarget: 150_000 });
    const res = await putAt(app, 2, JSON.stringify({ keyAccountCapacity: 30 }));
    expect(res.status).toBe(200);
    expect((await app.settings.get(PORTAL)).settings).toEqual({ ...DEFAULT_SETTINGS, keyAccountCapacity: 30 });
    const [entry] = await app.settings.history(PORTAL);
    expect(entry).toMatchObject({ kind: 'replace', by: { type: 'operator' }, baseVersion: 2, version: 3 });
    expect(entry!.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['settings.keyAccountCapacity', 40, 30],
      ['settings.profitTarget', 150_000, DEFAULT_SETTINGS.profitTarget],
    ]);
  });
});
