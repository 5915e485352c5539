import { createElement } from 'react';
import { Alert, Button, EmptyState, ErrorState, Flex, LineChart, Link, ProgressBar, Statistics, StatisticsItem, Table, TableCell, TableHeader, TableRow, Text, Tile } from '@hubspot/ui-extensions';
import { PageLink, PageTitle } from '@hubspot/ui-extensions/pages';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, PortfolioSummarySchema } from '../../../src/hubspot-pages/api-contract.ts';
import { KeyAccountsPages } from '../../../src/hubspot-pages/ui/home-pages.ts';
import { label } from '../../../src/hubspot-pages/ui/labels.ts';
import { CATEGORIES, QUADRANTS, TIERS } from '../../../src/model/types.ts';
import { scoreDepthPortfolio } from '../../support/depth-portfolio.ts';
import { accountPageResponse, BACKEND, fakeHubSpotFetch, listAccounts, portfolioSummary, recordUrl, scored } from './responses.ts';

type Routes = Parameters<typeof fakeHubSpotFetch>[0];

function open(routes: Routes, location?: { path: string; params: Record<string, string> }, pollMs?: number) {
  const renderer = createRenderer('pages');
  if (location) renderer.mocks.setPageLocation(location);
  const backend = fakeHubSpotFetch(routes);
  renderer.render(createElement(KeyAccountsPages, { backend: BACKEND, fetch: backend.fetch, ...(pollMs === undefined ? {} : { pollMs }) }));
  return { ...renderer, calls: backend.calls };
}

const ready = (): Routes => ({ 'GET /api/hubspot/portfolio': (call) => (call.query.list
  ? { body: accountPageResponse(call.query.list as never, call.query.cursor ?? null, Number(call.query.limit ?? 25)) }
  : { body: portfolioSummary() }) });

/** The company names linked in a part of the page, in order. */
const namesIn = (node: { findAll: ReturnType<typeof open>['findAll'] }): string[] => node.findAll(Link).map((l) => l.text ?? '');

describe('the app home page', () => {
  it('when it opens, then it asks our backend once for the summary, naming neither the portal nor the user', async () => {
    const page = open(ready());
    await page.waitFor(() => expect(page.findByTestId(Text, 'summary-line').text).toContain('300 companies scored 2026-11-22 00:00 UTC'));
    expect(page.calls).toEqual([{ method: 'GET', path: '/api/hubspot/portfolio', query: {}, body: undefined }]);
  });

  it('when the summary is drawn, then each matrix cell shows its quadrant count and its first accounts, each linking to its record', async () => {
    const page = open(ready());
    const result = scored();
    await page.waitFor(() => page.findByTestId(StatisticsItem, 'quadrant-count-key'));
    for (const q of QUADRANTS) {
      const inQuadrant = result.accounts.filter((a) => a.quadrant === q);
      expect(page.findByTestId(StatisticsItem, `quadrant-count-${q}`).props.number, q).toBe(inQuadrant.length);
      const tile = page.findByTestId(Tile, `quadrant-${q}`);
      expect(namesIn(tile)).toEqual(inQuadrant.slice(0, 5).map((a) => a.name));
      expect(tile.findAll(Link).map((l) => l.props.href)).toEqual(inQuadrant.slice(0, 5).map((a) => recordUrl(a.companyId)));
    }
    const link = page.find(PageLink, { testId: 'link-quadrant:maintenance' });
    expect(link.props.to).toBe('/accounts');
    expect(link.props.params).toEqual({ list: 'quadrant:maintenance' });
  });

  it('when the summary is drawn, then the counts per category and tier are those of the scored portfolio', async () => {
    const page = open(ready());
    const result = scored();
    await page.waitFor(() => page.findByTestId(Text, 'summary-line'));
    const itemsOf = (testId: string) => page.findByTestId(Statistics, testId).findAll(StatisticsItem).map((s) => [s.props.label, s.props.number]);
    expect(itemsOf('category-counts')).toEqual(CATEGORIES.map((c) => [label('category', c), result.accounts.filter((a) => a.category === c).length]));
    expect(itemsOf('tier-counts')).toEqual(TIERS.map((t) => [label('tier', t), result.accounts.filter((a) => a.tier === t).length]));
  });

  it('when the key list is drawn, then its capacity line and its accounts are shown, and who waits', async () => {
    const page = open(ready());
    const result = scored();
    await page.waitFor(() => page.findByTestId(ProgressBar, 'capacity'));
    const capacity = page.findByTestId(ProgressBar, 'capacity');
    expect(capacity.props).toMatchObject({ value: result.keyCount, maxValue: result.keyAccountCapacity, valueDescription: expect.stringMatching(/^\d+ of 25 places used; /) });
    const keyAccounts = listAccounts(result, 'key-list');
    expect(namesIn(page.findByTestId(Table, 'key-accounts'))).toEqual(keyAccounts.slice(0, 25).map((a) => a.name));
    const waiting = listAccounts(result, 'waiting');
    expect(waiting.length).toBeGreaterThan(0);
    expect(namesIn(page.findByTestId(Table, 'waiting'))).toEqual(waiting.slice(0, 25).map((a) => a.name));
    expect(capacity.props.variant).toBe('warning');
  });

  it('when the summary is drawn, then the high-revenue / low-profit list and the whale curve come from the server figures', async () => {
    const page = open(ready());
    const summary = portfolioSummary();
    await page.waitFor(() => page.findByTestId(LineChart, 'whale-curve'));
    const lowProfit = summary.highRevenueLowProfit.accounts;
    expect(lowProfit.length).toBeGreaterThan(0);
    expect(namesIn(page.findByTestId(Table, 'low-profit-accounts'))).toEqual(lowProfit.map((a) => a.name));
    const chart = page.findByTestId(LineChart, 'whale-curve');
    const rows = chart.props.data as { companies: number; profit: number }[];
    expect(rows).toHaveLength(summary.whaleCurve.points.length);
    expect(rows.at(-1)).toEqual({ companies: 100, profit: Math.round(summary.whaleCurve.total) });
    expect(page.findByTestId(Text, 'whale').text).toContain(`after the top ${summary.whaleCurve.peak.rank} companies`);
  });

  it('when the first pass is still computing, then the page says so and shows the figures once the server has them', async () => {
    let asked = 0;
    const computing = { ...portfolioSummary(), status: 'computing' as const };
    const page = open({ 'GET /api/hubspot/portfolio': () => ({ body: ++asked === 1 ? computing : portfolioSummary() }) }, undefined, 5);
    await page.waitFor(() => page.findByTestId(EmptyState, 'computing'));
    await page.waitFor(() => expect(page.findByTestId(Text, 'summary-line').text).toContain('300 companies'));
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('when the server says the summary is not ready (503), then the page asks again by itself until the summary comes', async () => {
    let asked = 0;
    const page = open({ 'GET /api/hubspot/portfolio': () => (++asked === 1
      ? { status: 503, body: { error: 'The portfolio summary is being built.', retryAfterSeconds: 2 } }
      : { body: portfolioSummary() }) }, undefined, 5);
    await page.waitFor(() => expect(page.findByTestId(Text, 'summary-line').text).toContain('300 companies'));
    expect(asked).toBe(2);
  });

  it('when the user may not see the portfolio, then the page says whom to ask and shows no figure', async () => {
    const page = open({ 'GET /api/hubspot/portfolio': { status: 403, body: {
      error: 'The key-account figures are open to the people the app admin chose.', reason: 'not-a-viewer', superAdminsMay: true,
      askWhom: [{ userId: '501', email: 'ada@acme.test', name: 'Ada Lovelace' }],
    } } });
    await page.waitFor(() => page.findByTestId(EmptyState, 'access-denied'));
    expect(page.findByTestId(EmptyState, 'access-denied').toString()).toContain('Ada Lovelace (ada@acme.test)');
    expect(page.maybeFind(StatisticsItem)).toBeNull();
  });

  it('when the server answers in a shape the contract does not know, then the page says so instead of drawing wrong figures', async () => {
    const page = open({ 'GET /api/hubspot/portfolio': { body: { ...portfolioSummary(), companyCount: 'many' } } });
    await page.waitFor(() => page.findByTestId(ErrorState, 'backend-error'));
    expect(page.findByTestId(ErrorState, 'backend-error').toString()).toContain('companyCount');
    expect(page.findByTestId(Button, 'retry')).toBeTruthy();
  });
});

describe('the app home page of a large portfolio', () => {
  it('when the portfolio has 100,000 companies, then the page draws from one summary answer: first pages of the lists and a sampled whale curve, no company list', async () => {
    const base = portfolioSummary();
    const big = PortfolioSummarySchema.parse({
      ...base,
      companyCount: 100_000,
      matrix: { quadrants: Object.fromEntries(QUADRANTS.map((q) => [q, { ...base.matrix.quadrants[q], total: 25_000 }])) },
      keyList: { ...base.keyList, waiting: { ...base.keyList.waiting, total: 4_210 } },
      whaleCurve: { ...base.whaleCurve, companies: 100_000, points: Array.from({ length: 401 }, (_, i) => [i * 250, i * 1_000]), peak: { rank: 100_000, value: 400_000 }, total: 400_000 },
    });
    const page = open({ 'GET /api/hubspot/portfolio': { body: big } });
    await page.waitFor(() => expect(page.findByTestId(Text, 'summary-line').text).toContain('100,000 companies'));
    expect(page.calls).toHaveLength(1);
    expect(page.findAll(TableRow).length).toBeLessThanOrEqual(3 * (25 + 1));
    expect((page.findByTestId(LineChart, 'whale-curve').props.data as unknown[]).length).toBe(401);
    expect(page.findByTestId(StatisticsItem, 'quadrant-count-key').props.number).toBe(25_000);
    expect(page.find(PageLink, { testId: 'link-waiting' }).text).toBe('All 4,210 accounts');
  });
});

describe('an account list of the app home page', () => {
  it('when a quadrant list is opened, then its first page comes from the server and Next and Previous walk its cursors', async () => {
    const result = scored();
    const opportunistic = listAccounts(result, 'quadrant:opportunistic');
    expect(opportunistic.length).toBe(111);
    const page = open(ready(), { path: '/accounts', params: { list: 'quadrant:opportunistic' } });
    await page.waitFor(() => page.findByTestId(Table, 'accounts'));
    expect(page.calls[0]).toMatchObject({ path: '/api/hubspot/portfolio', query: { list: 'quadrant:opportunistic', limit: '50' } });
    expect(page.findAll(TableRow)).toHaveLength(51);
    expect(page.findByTestId(Text, 'range').text).toBe('1–50 of 111 accounts');
    expect(page.findByTestId(Button, 'previous').props.disabled).toBe(true);
    page.findByTestId(Button, 'next').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Text, 'range').text).toBe('51–100 of 111 accounts'));
    expect(page.calls[1]?.query).toEqual({ list: 'quadrant:opportunistic', cursor: 'o50', limit: '50' });
    expect(namesIn(page.findByTestId(Table, 'accounts'))).toEqual(opportunistic.slice(50, 100).map((a) => a.name));
    page.findByTestId(Button, 'next').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Text, 'range').text).toBe('101–111 of 111 accounts'));
    expect(page.findByTestId(Button, 'next').props.disabled).toBe(true);
    page.findByTestId(Button, 'previous').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Text, 'range').text).toBe('51–100 of 111 accounts'));
  });

  it('when the list in the address is not one the app keeps, then the page says so and asks nothing', () => {
    const page = open(ready(), { path: '/accounts', params: { list: 'everything' } });
    expect(page.findByTestId(Alert, 'unknown-list').text).toContain('"everything" is not a list this app keeps');
    expect(page.calls).toEqual([]);
  });

  it('when pages are browsed, then no request asks for more rows than a page holds', async () => {
    const page = open(ready(), { path: '/accounts', params: { list: 'all' } });
    await page.waitFor(() => page.findByTestId(Table, 'accounts'));
    for (const call of page.calls) expect(Number(call.query.limit)).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });
});

describe('the app home page with groups and product lines', () => {
  const depth = () => scoreDepthPortfolio();
  const depthRoutes = (): Routes => ({ 'GET /api/hubspot/portfolio': (call) => (call.query.list
    ? { body: accountPageResponse(call.query.list as never, call.query.cursor ?? null, Number(call.query.limit ?? 25), depth(), call.query.group ?? null) }
    : { body: portfolioSummary(depth()) }) });
  // A cell's text, or its link's where it holds one (a company, a group).
  const cells = (table: { findAll: ReturnType<typeof open>['findAll'] }) => table.findAll(TableRow).slice(1)
    .map((r) => r.findAll(TableCell).map((c) => c.text ?? c.maybeFind(PageLink)?.text ?? c.maybeFind(Link)?.text ?? null));

  it('when the portfolio has groups, then a table lists each group by its top with its size, figures and whitespace, and links to its members', async () => {
    const page = open(depthRoutes());
    await page.waitFor(() => page.findByTestId(Table, 'group-accounts'));
    const groups = page.findByTestId(Table, 'group-accounts');
    expect(groups.findAll(TableHeader).map((t) => t.text)).toEqual(['Company', 'Rank', 'Companies', 'Tier', 'Action', 'Group share of wallet', 'Group expected profit', 'Group whitespace']);
    // The members' whitespace summed: 17,000,000 + 9,000,000 + 1,000,000; 3,200,000 + 2,800,000.
    expect(cells(groups)).toEqual([
      ['Northwind Holdings', '#1', '3', 'Platinum', 'Grow', '12.9 %', '912,000 EUR', '27,000,000 EUR'],
      ['Branchline Group', '#2', '2', 'Silver', expect.any(String), '14.3 %', '297,840 EUR', '6,000,000 EUR'],
    ]);
    const members = page.find(PageLink, { testId: 'members-101' });
    expect(members.props).toMatchObject({ to: '/accounts', params: { list: 'all', group: '101' } });
    expect(page.maybeFindByTestId(Text, 'whitespace-unknown')).toBeNull();
    expect(page.find(PageLink, { testId: 'link-groups' }).text).toBe('All 2 groups');
  });

  it('when the key list is drawn, then each row shows its whitespace and its group, linking to the group\'s members', async () => {
    const page = open(depthRoutes());
    await page.waitFor(() => page.findByTestId(Table, 'key-accounts'));
    const key = page.findByTestId(Table, 'key-accounts');
    const headers = key.findAll(TableHeader).map((t) => t.text);
    expect(headers.slice(-2)).toEqual(['Whitespace (largest line)', 'Group']);
    const rows = cells(key);
    expect(rows.map((r) => r.slice(-2))).toEqual([
      ['17,000,000 EUR (Licences)', 'Top of 3'], ['9,000,000 EUR (Licences)', 'Northwind Holdings (3)'], ['1,000,000 EUR (Licences)', 'Northwind Holdings (3)'],
    ]);
    expect(page.find(PageLink, { testId: 'group-102' }).props.params).toEqual({ list: 'all', group: '101' });
  });

  it('when no company has a parent or a whitespace figure, then the page says so instead of an empty table', async () => {
    const page = open(ready());
    await page.waitFor(() => page.findByTestId(Text, 'whitespace-unknown'));
    expect(page.findByTestId(Text, 'whitespace-unknown').text).toMatch(/^No whitespace figures yet/);
    expect(page.maybeFindByTestId(Table, 'group-accounts')).toBeNull();
    expect(page.find(Flex, { testId: 'groups' }).findAll(Text).map((t) => t.text).join(' ')).toContain('No company has a parent or child company in HubSpot');
    // No column of dashes: whitespace and group appear only where some row has a figure.
    expect(page.findByTestId(Table, 'key-accounts').findAll(TableHeader).map((t) => t.text)).toEqual(['Company', 'Rank', 'Quadrant', 'Category', 'Tier', 'Action', 'Expected profit', 'Lifetime value']);
  });

  it('when a group is opened, then the page asks for that group only and shows each company\'s part of the group', async () => {
    const page = open(depthRoutes(), { path: '/accounts', params: { list: 'all', group: '101' } });
    await page.waitFor(() => page.findByTestId(Table, 'accounts'));
    expect(page.calls[0]?.query).toEqual({ list: 'all', group: '101', limit: '50' });
    expect(page.find(PageTitle).text).toBe('Group of Northwind Holdings');
    const table = page.findByTestId(Table, 'accounts');
    expect(table.findAll(TableHeader).map((t) => t.text)).toEqual(['Company', 'Rank', 'Quadrant', 'Category', 'Tier', 'Action', "Share of the group's revenue", 'Expected profit', 'Whitespace (largest line)']);
    expect(cells(table).map((r) => [r[0], r[6]])).toEqual([['Northwind Holdings', '75 %'], ['Northwind Retail', '25 %'], ['Northwind Labs', '0 %']]);
    expect(page.findByTestId(Text, 'range').text).toBe('1–3 of 3 accounts');
    expect(page.find(PageLink, { testId: 'whole-list' }).props.params).toEqual({ list: 'all' });
    expect(page.findByTestId(Text, 'group-line').text).toBe('The group buys as one: it is ranked once and takes one key place, and each company carries its quadrant, action, rank and tier. '
      + 'Group share of wallet 12.9 %, expected profit 912,000, whitespace 27,000,000.');
  });

  it('when only a group is in the address, then its companies are listed; a group that is not a company id is refused without a request', async () => {
    const page = open(depthRoutes(), { path: '/accounts', params: { group: '202' } });
    await page.waitFor(() => page.findByTestId(Table, 'accounts'));
    expect(page.calls[0]?.query).toEqual({ list: 'all', group: '202', limit: '50' });
    expect(namesIn(page.findByTestId(Table, 'accounts'))).toEqual(['Branchline Group', 'Branchline East']);
    const bad = open(depthRoutes(), { path: '/accounts', params: { list: 'all', group: 'northwind' } });
    expect(bad.findByTestId(Alert, 'unknown-group').text).toContain('"northwind" is not a company id');
    expect(bad.calls).toEqual([]);
  });
});
