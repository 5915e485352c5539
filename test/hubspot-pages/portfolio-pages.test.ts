// The home page's account depth, read from a snapshot of a portfolio with groups and product lines:
// the groups list, a list filtered by group, and the whitespace of each row, all the model's own.
import { describe, expect, it } from 'vitest';
import { accountPage, decodeCursor, portfolioSummary } from '../../src/hubspot-pages/portfolio-pages.ts';
import { buildSnapshot } from '../../src/hubspot-pages/portfolio-snapshot.ts';
import { DEPTH_AS_OF, DEPTH_SETTINGS, scoreDepthPortfolio } from '../support/depth-portfolio.ts';

const ORIGIN = 'https://app.hubspot.com';

function snapshot() {
  const result = scoreDepthPortfolio();
  return { result, snapshot: buildSnapshot(result, DEPTH_SETTINGS, { portalId: '77', asOf: DEPTH_AS_OF, settingsVersion: 1, builtAt: 1000 }) };
}

const ids = (page: ReturnType<typeof accountPage>): string[] => page.accounts.map((a) => a.companyId);

describe('the home page\'s groups and whitespace', () => {
  it('when the portfolio has groups, then the groups list holds one row per group of two or more, by its top, in priority order', () => {
    const { snapshot: s } = snapshot();
    const groups = accountPage(s, 'groups', ORIGIN);
    expect(ids(groups)).toEqual(['101', '202']);
    expect(groups.accounts.map((a) => a.group)).toEqual([
      { groupId: '101', name: 'Northwind Holdings', size: 3, purchasing: 'central', shareOfWalletPct: expect.closeTo(400 / 31, 9), expectedProfit: 912_000, ownSharePct: 75, whitespace: expect.closeTo(27_000_000, 3) },
      { groupId: '202', name: 'Branchline Group', size: 2, purchasing: 'branches', shareOfWalletPct: expect.closeTo(100 / 7, 9), expectedProfit: 297_840, ownSharePct: 80, whitespace: expect.closeTo(6_000_000, 3) },
    ]);
    expect(portfolioSummary(s, 1, ORIGIN, null).groups.total).toBe(2);
  });

  it('when a list is filtered by a group, then it holds only that group\'s companies, in the list\'s order, and says which group', () => {
    const { snapshot: s } = snapshot();
    expect(ids(accountPage(s, 'all', ORIGIN, { group: '101' }))).toEqual(['101', '102', '103']);
    expect(ids(accountPage(s, 'all', ORIGIN, { group: '202' }))).toEqual(['202', '203']);
    // 203 ranks below the company alone: a branches group's members are ranked one by one.
    expect(ids(accountPage(s, 'all', ORIGIN))).toEqual(['101', '102', '103', '202', '301', '203']);
    expect(ids(accountPage(s, 'key-list', ORIGIN, { group: '202' }))).toEqual([]);
    const key = accountPage(s, 'key-list', ORIGIN, { group: '101' });
    expect(ids(key)).toEqual(['101', '102', '103']);
    expect(key.group).toBe('101');
    expect(key.accounts.map((a) => a.group?.ownSharePct)).toEqual([75, 25, 0]);
  });

  it('when the group named is a company alone, a member or unknown, then alone is its own group of one and the others are empty', () => {
    const { snapshot: s } = snapshot();
    expect(ids(accountPage(s, 'all', ORIGIN, { group: '301' }))).toEqual(['301']);
    expect(accountPage(s, 'all', ORIGIN, { group: '301' }).accounts[0]!.group).toBeNull();
    expect(accountPage(s, 'all', ORIGIN, { group: '102' }).total).toBe(0);
    expect(accountPage(s, 'all', ORIGIN, { group: '999' })).toMatchObject({ total: 0, accounts: [], nextCursor: null });
  });

  it('when a group\'s list is paged, then its cursor walks the filtered list and every member comes once', () => {
    const { snapshot: s } = snapshot();
    const first = accountPage(s, 'all', ORIGIN, { group: '101', limit: 2 });
    expect(ids(first)).toEqual(['101', '102']);
    const second = accountPage(s, 'all', ORIGIN, { group: '101', limit: 2, cursor: decodeCursor(first.nextCursor!)! });
    expect(ids(second)).toEqual(['103']);
    expect(second.nextCursor).toBeNull();
  });

  it('when rows are read, then each carries the model\'s whitespace and the line with the largest gap, and the summary counts them', () => {
    const { result, snapshot: s } = snapshot();
    const rows = accountPage(s, 'all', ORIGIN).accounts;
    for (const a of result.accounts) {
      const row = rows.find((r) => r.companyId === a.companyId)!;
      expect(row.whitespace, a.companyId).toBe(a.whitespace!.value);
      expect(row.whitespaceLine).toBe(a.whitespace!.lines[0]!.line);
    }
    expect(rows.find((r) => r.companyId === '102')).toMatchObject({ whitespace: expect.closeTo(9_000_000, 6), whitespaceLine: 'Licences' });
    expect(portfolioSummary(s, 1, ORIGIN, null).whitespaceKnown).toBe(6);
  });
});
