import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, scorePortfolio, type Settings } from '../../src/model/index.ts';
import { QUADRANTS, CATEGORIES } from '../../src/model/types.ts';
import type { WhatIfResult } from '../../src/portfolio-page/what-if.ts';
import { EXAMPLE_AS_OF, EXAMPLE_COMPANIES } from '../portfolio-page/example-portfolio.ts';
import { BASIC, BEARER, readJson, useAdminApp, type AdminApp } from './admin-app.ts';
import { saveSettings } from '../support/save-settings.ts';

const PORTAL = '24681357';
const settingsOf = (input: unknown): Settings => {
  const parsed = parseSettings(input);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.settings;
};
const postWhatIf = (app: AdminApp, body: string, portal: string | null = PORTAL, auth = BASIC) =>
  fetch(`${app.base}/api/portfolio/what-if${portal ? `?portal=${portal}` : ''}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });

describe('portfolio routes', () => {
  const app = useAdminApp(() => EXAMPLE_AS_OF.getTime());

  it('when the page or the what-if is asked for without admin credentials, then both answer 401 and show no figure', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES);
    const page = await fetch(`${app.base}/portfolio?portal=${PORTAL}`);
    expect(page.status).toBe(401);
    expect(page.headers.get('www-authenticate')).toContain('Basic');
    expect(await page.text()).not.toContain('Key-account portfolio');
    expect((await postWhatIf(app, '{}', PORTAL, 'Basic ' + Buffer.from('admin:wrong-token-0123456789').toString('base64'))).status).toBe(401);
  });

  it('when a manager opens /portfolio with basic auth, then the page shows the counts and key list of scorePortfolio on the stored portfolio', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES);
    const res = await fetch(`${app.base}/portfolio`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    const expected = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    for (const q of QUADRANTS) {
      const shown = new RegExp(`data-quadrant="${q}"><div class="n">(\\d+)</div>`).exec(html)?.[1];
      expect(Number(shown)).toBe(expected.accounts.filter((a) => a.quadrant === q).length);
    }
    for (const c of CATEGORIES) {
      const shown = new RegExp(`data-category="${c}">(\\d+) `).exec(html)?.[1];
      expect(Number(shown)).toBe(expected.accounts.filter((a) => a.category === c).length);
    }
    const keyIds = [...html.matchAll(/<tr data-company="(\d+)">/g)].map((m) => m[1]).slice(0, expected.keyCount);
    expect(keyIds).toEqual(expected.accounts.filter((a) => a.isKeyAccount).map((a) => a.companyId));
    expect(html).toContain('25 of 25 places used; 10 eligible accounts waiting');
    expect(html).toContain(`Portal ${PORTAL} · 300 companies · scored as of 2026-11-22 23:59 UTC · model version 1`);
    expect(html.match(/<circle class="dot[ "]/g)).toHaveLength(300);
  });

  it('when the page is asked for one group, then a company id shows that group first; anything else is a 400 page that names the id it wants', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES);
    const top = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF).accounts[0]!;
    const res = await fetch(`${app.base}/portfolio?portal=${PORTAL}&group=${top.companyId}`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
    const html = await res.text();
    // The stored inputs hold no parent links here: every company is its own group of one.
    expect(html).toContain(`<h2>${top.name}: not part of a group</h2>`);
    expect(/<table class="members">(.*?)<\/table>/.exec(html)?.[1]).toContain(`<tr data-company="${top.companyId}">`);
    for (const group of ['abc', '1'.repeat(21), '']) {
      const bad = await fetch(`${app.base}/portfolio?portal=${PORTAL}&group=${group}`, { headers: { authorization: BASIC } });
      expect(bad.status, group).toBe(400);
      expect(await bad.text()).toContain("A group is named by its top company's id");
    }
  });

  it('when the stored settings change, then the page scores with them (bearer token accepted too)', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES);
    await saveSettings(app.settings, PORTAL, { keyAccountCapacity: 12 });
    const html = await (await fetch(`${app.base}/portfolio?portal=${PORTAL}`, { headers: { authorization: BEARER } })).text();
    const expected = scorePortfolio(EXAMPLE_COMPANIES, settingsOf({ keyAccountCapacity: 12 }), EXAMPLE_AS_OF);
    expect(html).toContain(`12 of 12 places used; ${expected.waitingCount} eligible accounts waiting`);
    expect(html).toContain('model version 2');
  });

  it('when several portals are installed and none is named, then a page lists them; an unknown one is a 404', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES.slice(0, 10));
    await app.load('99', EXAMPLE_COMPANIES.slice(10, 20));
    const picker = await fetch(`${app.base}/portfolio`, { headers: { authorization: BASIC } });
    expect(picker.status).toBe(200);
    const text = await picker.text();
    expect(text).toContain('2 HubSpot portals have installed the app');
    expect(text).toContain(`href="/portfolio?portal=${PORTAL}"`);
    expect(text).toContain('href="/portfolio?portal=99"');
    const unknown = await fetch(`${app.base}/portfolio?portal=555`, { headers: { authorization: BASIC } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Portal 555 has not installed the app');
    const bad = await fetch(`${app.base}/portfolio?portal=x%3Cb%3E`, { headers: { authorization: BASIC } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain('<b>');
  });

  it('when a portal has no stored company yet, then the page says a full pass will fill it', async () => {
    await app.portals.markInstalled(PORTAL);
    const res = await fetch(`${app.base}/portfolio`, { headers: { authorization: BASIC } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`kam backfill --portal ${PORTAL}`);
  });

  it('when a what-if is posted, then it answers the moves and new counts of scorePortfolio with current and proposed settings', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES);
    const proposedInput = { ...DEFAULT_SETTINGS, keyAccountCapacity: 30, thresholds: { attractiveness: 'portfolio-average', strength: 6 } };
    const res = await postWhatIf(app, JSON.stringify(proposedInput));
    expect(res.status).toBe(200);
    const body = await readJson<WhatIfResult & { portalId: string }>(res);
    const before = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const after = scorePortfolio(EXAMPLE_COMPANIES, settingsOf(proposedInput), EXAMPLE_AS_OF);
    const was = new Map(before.accounts.map((a) => [a.companyId, a]));
    expect(body.portalId).toBe(PORTAL);
    expect(body.companies).toBe(300);
    expect(body.quadrantMoves.moved).toBe(after.accounts.filter((a) => was.get(a.companyId)!.quadrant !== a.quadrant).length);
    expect(body.categoryMoves.moved).toBe(after.accounts.filter((a) => was.get(a.companyId)!.category !== a.category).length);
    for (const q of QUADRANTS) {
      expect(body.current.quadrants[q]).toBe(before.accounts.filter((a) => a.quadrant === q).length);
      expect(body.proposed.quadrants[q]).toBe(after.accounts.filter((a) => a.quadrant === q).length);
    }
    expect(body.proposed.capacity.used).toBe(after.keyCount);
    expect(body.quadrantMoves.matrix.key.key_development).toBeGreaterThan(0);
    // A preview saves nothing and queues nothing.
    expect((await app.settings.get(PORTAL)).version).toBe(1);
    expect(await app.passQueue.count()).toBe(0);
  });

  it('when several what-ifs arrive at once, then each is answered with its own result', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES);
    const capacities = [5, 25, 40];
    const answers = await Promise.all(capacities.map(async (c) => readJson<WhatIfResult>(await postWhatIf(app, JSON.stringify({ keyAccountCapacity: c })))));
    expect(answers.map((a) => a.proposed.capacity.capacity)).toEqual(capacities);
    // 'auto' targets the capacity-th largest expected profit with a dedicated team, but never below 1:
    // only 36 customers of the example reach 1, so 40 places hold 36.
    expect(answers.map((a) => a.proposed.categories.key)).toEqual([5, 25, 36]);
  });

  it('when the what-if settings are invalid, then it answers 400 with every problem and its path', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES.slice(0, 20));
    const res = await postWhatIf(app, JSON.stringify({ keyAccountCapacity: -1, attractivenessWeights: { size: 11 }, thresholds: { strength: 'high' }, colour: 'red' }));
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.error).toBe('invalid settings');
    const paths = body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['(settings)', 'attractivenessWeights.size', 'keyAccountCapacity', 'thresholds.strength']);
    expect(body.problems).toHaveLength(4);
    expect(body.problems).toContainEqual(expect.stringMatching(/^keyAccountCapacity: /));
    expect(body.problems.find((p: string) => p.startsWith('(settings)'))).toContain('colour');
  });

  it('when the what-if body is not JSON, or no portal can be chosen, then the answer is a JSON 400', async () => {
    await app.load(PORTAL, EXAMPLE_COMPANIES.slice(0, 5));
    const notJson = await postWhatIf(app, '{"keyAccountCapacity": ');
    expect(notJson.status).toBe(400);
    expect((await readJson(notJson)).problems[0]).toMatch(/^\(body\): /);
    const array = await postWhatIf(app, '[]');
    expect(array.status).toBe(400);
    expect((await readJson(array)).problems).toEqual(['(body): send the settings as a JSON object']);
    await app.load('77', EXAMPLE_COMPANIES.slice(5, 10));
    const noPortal = await postWhatIf(app, '{}', null);
    expect(noPortal.status).toBe(400);
    expect((await readJson(noPortal)).portals).toEqual([PORTAL, '77'].sort());
  });
});
