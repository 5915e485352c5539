import { createElement } from 'react';
import { Alert, Button, EmptyState, ErrorState, LineChart, Link, ProgressBar, Statistics, StatisticsItem, Table, TableRow, Text, Tile } from '@hubspot/ui-extensions';
import { PageLink } from '@hubspot/ui-extensions/pages';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, PortfolioSummarySchema } from '../../../src/hubspot-pages/api-contract.ts';
import { KeyAccountsPages } from '../../../src/hubspot-pages/ui/home-pages.ts';
import { label } from '../../../src/hubspot-pages/ui/labels.ts';
import { CATEGORIES, QUADRANTS, TIERS } from '../../../src/model/types.ts';
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
