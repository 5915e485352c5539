// scoring-model.md §8, worked by hand: groups of parents, children and branches.
import { describe, expect, it } from 'vitest';
import { playsFor, resolveGroups, scorePortfolio, type AccountFigures, type CompanyInput } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, openDeal, wonDeal } from './builders.ts';

const child = (c: CompanyInput, parentId: string): CompanyInput => ({ ...c, parentId });
const byId = (accounts: AccountFigures[]): Record<string, AccountFigures> => Object.fromEntries(accounts.map((a) => [a.companyId, a]));

/**
 * Top 1 (wallet 2,000,000, won 300,000), its child 2 (wallet 1,000,000, won 200,000, pipeline
 * 100,000 at 50 %), and 2's child 3 (wallet unknown, won 100,000); company 9 stands alone.
 */
function threeLevels(purchasing?: 'branches'): CompanyInput[] {
  return [
    company('1', { kam_category_spend: '2000000', ...(purchasing ? { kam_purchasing: purchasing } : {}) }, [wonDeal(300_000, '2026-03-01T00:00:00Z')]),
    child(company('2', { kam_category_spend: '1000000' }, [wonDeal(200_000, '2026-05-01T00:00:00Z'), openDeal(100_000, '0.5')]), '1'),
    child(company('3', {}, [wonDeal(100_000, '2026-06-01T00:00:00Z')]), '2'),
    company('9', { kam_category_spend: '500000' }, [wonDeal(10_000, '2026-06-01T00:00:00Z')]),
  ];
}

describe('account groups (§8)', () => {
  it('when a three-level group buys centrally, then it is scored once on its sums, with one cost to serve, and every member carries its rank', () => {
    const result = scorePortfolio(threeLevels(), TARGET_100K, AS_OF);
    const a = byId(result.accounts);
    // Sums: won 600,000; wallet known for 1 and 2 only: 3,000,000 (partial); share (300k + 200k) / 3M.
    const g = a['1']!.group!;
    expect(g).toMatchObject({ groupId: '1', size: 3, purchasing: 'central', wonTTM: 600_000, wallet: 3_000_000, walletSource: 'partial' });
    expect(g.shareOfWallet).toBeCloseTo(500_000 / 3_000_000, 12);
    // Position (500k won + 50k pipeline) / 3M; expected revenue 3M × that + company 3's own 100,000 = 650,000;
    // at 30 %: 195,000 gross; shared (the first to reach 100,000) 195,000 − 48,000 once = 147,000.
    expect(a['1']!.coverage).toBe('shared');
    expect(a['1']!.costToServe).toBe(48_000);
    expect(g.expectedProfit).toBeCloseTo(147_000, 6);
    expect(a['1']!.expectedProfitBy.dedicated).toBeCloseTo(-93_000, 6);
    expect(a['1']!.expectedProfitBy.channel).toBeCloseTo(192_840, 6);
    // Ranks count the group once: two ranked units for four companies.
    expect(result.rankedCount).toBe(2);
    expect(result.groupCount).toBe(1);
    for (const id of ['1', '2', '3']) {
      expect(a[id]).toMatchObject({ priorityRank: 1, portfolioSize: 2, expectedProfit: a['1']!.expectedProfit, tier: a['1']!.tier, quadrant: a['1']!.quadrant, action: a['1']!.action });
    }
    expect(a['9']).toMatchObject({ priorityRank: 2, portfolioSize: 2, group: null });
    // Each member keeps its own figures beside the group's.
    expect(a['2']).toMatchObject({ wonTTM: 200_000, wallet: 1_000_000 });
    expect([a['1']!.group!.depth, a['2']!.group!.depth, a['3']!.group!.depth]).toEqual([0, 1, 2]);
    expect(a['1']!.group!.ownShareOfGroup).toBeCloseTo(0.5, 12);
    expect(a['3']!.group!.ownShareOfGroup).toBeCloseTo(100_000 / 600_000, 12);
    expect(a['3']!.explanation).toContain('In the group of Company 1 (1) of 3 companies buying centrally');
  });

  it('when the top says branches, then each member is ranked on its own and the group figures are shown beside', () => {
    const result = scorePortfolio(threeLevels('branches'), TARGET_100K, AS_OF);
    const a = byId(result.accounts);
    expect(result.rankedCount).toBe(4);
    // Company 1 alone: §7's worked example without pipeline: 300,000 won of 2,000,000.
    expect(a['1']!.shareOfWallet).toBeCloseTo(0.15, 12);
    expect(a['1']!.expectedProfit).toBeCloseTo(300_000 * 0.3 - 2_160, 6);
    expect(new Set(['1', '2', '3'].map((id) => a[id]!.priorityRank)).size).toBe(3);
    expect(a['2']!.group).toMatchObject({ groupId: '1', size: 3, purchasing: 'branches', wonTTM: 600_000 });
    expect(a['2']!.group!.expectedProfit).toBeCloseTo(147_000, 6);
  });

  it('when the parent links form a cycle, then the lowest id is the top, every walk agrees, and the explanation says so', () => {
    const groups = resolveGroups(['5', '6', '7'], (id) => ({ '5': '7', '7': '6', '6': '5' })[id] ?? null);
    expect([...groups].map(([id, m]) => [id, m.top, m.depth])).toEqual([['5', '5', 0], ['6', '5', 1], ['7', '5', 2]]);
    const result = scorePortfolio(
      [child(company('7', {}), '6'), child(company('5', {}), '7'), child(company('6', {}), '5')],
      TARGET_100K,
      AS_OF,
    );
    for (const a of result.accounts) {
      expect(a.group?.groupId).toBe('5');
      expect(a.notes.join(' ')).toContain('form a cycle; 5 (the lowest id) is taken as the top');
    }
  });

  it('when a chain is deeper than 10 levels, then the members below count at level 10 and say so', () => {
    const chain = Array.from({ length: 13 }, (_, i) => child(company(String(i + 1), {}), i === 0 ? '' : String(i)));
    const a = byId(scorePortfolio(chain, TARGET_100K, AS_OF).accounts);
    expect(a['11']!.group!.depth).toBe(10);
    expect(a['13']!.group!.depth).toBe(10);
    expect(a['13']!.notes.join(' ')).toContain('more than 10 levels below the top');
    expect(a['11']!.notes).toEqual([]);
  });

  it('when a parent is not in the portfolio, then the company is the top of its own group and the explanation says why', () => {
    const [a] = scorePortfolio([child(company('4', {}), '999')], TARGET_100K, AS_OF).accounts;
    expect(a!.group).toBeNull();
    expect(a!.notes).toContain('parent company 999 is not in the portfolio; scored as the top of its own group');
  });

  it('when a key group has a member that never bought, then every member is a key account, the buyer is key, the other stays target, and the group takes one place', () => {
    const settings = { ...TARGET_100K, keyAccountCapacity: 1 };
    const result = scorePortfolio(
      [
        company('1', { kam_category_spend: '10000000', kam_strategic: 'true' }, [wonDeal(1_000_000, '2026-03-01T00:00:00Z')]),
        child(company('2', { annualrevenue: '50000000' }), '1'),
        company('3', { kam_category_spend: '10000000' }, [wonDeal(2_000_000, '2026-03-01T00:00:00Z')]),
      ],
      settings,
      AS_OF,
    );
    const a = byId(result.accounts);
    expect(result.keyCount).toBe(1);
    expect(a['1']).toMatchObject({ isKeyAccount: true, category: 'key' });
    expect(a['2']).toMatchObject({ isKeyAccount: true, category: 'target' });
    expect(a['2']!.explanation).toMatch(/^Target account in a key group \(group of 2\): no deal won yet; the group holds a key place, rank 2 of 2\./);
    expect(a['3']).toMatchObject({ isKeyAccount: false, waitingForKeyPlace: true });
    // Plays for the group are created once, on the top company.
    expect(playsFor({ category: 'normal', action: 'grow', quadrant: 'key' }, a['1']!, settings, AS_OF).map((p) => p.kind)).toContain('account_plan');
    expect(playsFor({ category: 'target', action: 'grow', quadrant: 'key' }, a['2']!, settings, AS_OF)).toEqual([]);
  });

  it('when the first pass with groups finds a new key account, then it writes the figures but fires no transition play', () => {
    const [top] = scorePortfolio([company('1', { kam_strategic: 'true', hubspot_owner_id: '55' }, [wonDeal(1000, '2026-06-01T00:00:00Z')])], TARGET_100K, AS_OF).accounts;
    expect(top!.category).toBe('key');
    const lastPlan = { lastCreatedAt: { account_plan: new Date(AS_OF.getTime() - 10 * 86_400_000) } };
    expect(playsFor({ category: 'normal', action: 'grow', quadrant: 'key', fromEarlierModel: true }, top!, TARGET_100K, AS_OF, lastPlan)).toEqual([]);
    expect(playsFor({ category: 'normal', action: 'grow', quadrant: 'key' }, top!, TARGET_100K, AS_OF, lastPlan).map((p) => p.kind)).toEqual(['account_plan']);
  });

  it('when no company names a parent, then every company is a group of one and nothing of §7 changes', () => {
    const result = scorePortfolio(threeLevels().map(({ parentId: _, ...c }) => c), TARGET_100K, AS_OF);
    expect(result.groupCount).toBe(0);
    expect(result.accounts.every((a) => a.group === null)).toBe(true);
  });
});
