// One portal's scored portfolio, kept compact for the app home page: a row per company in priority
// order and, per account list, the positions of its rows. Built once from scorePortfolio's result
// (the same figures `kam score` and the operator page show); every page and summary is then read
// from it without scoring anything again.
import { highRevenueLowProfit } from '../model/warnings.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, TIERS, type AccountFigures, type Category, type Tier } from '../model/types.ts';
import { nameOf } from '../portfolio-page/labels.ts';
import { capacityOf } from '../portfolio-page/portfolio-view.ts';
import { whaleCurve } from '../portfolio-page/whale-curve.ts';
import type { AccountList, AccountRow, Capacity, ProfitTarget, WhaleCurve } from './api-contract.ts';

/** An account row without what depends on who reads it (the record link). */
export type SnapshotRow = Omit<AccountRow, 'objectTypeId' | 'recordUrl'>;

export interface PortfolioSnapshot {
  portalId: string;
  /** The scoring instant. */
  asOf: string;
  /** Settings version the figures were computed with. */
  settingsVersion: number;
  /** When it was built (epoch ms), for its age. */
  builtAt: number;
  companyCount: number;
  thresholds: { attractiveness: number; strength: number };
  profitTarget: ProfitTarget;
  rows: SnapshotRow[];
  /** Per list, indexes into rows, in the list's order. */
  lists: Record<AccountList, Uint32Array>;
  categoryCounts: Record<Category, number>;
  tierCounts: Record<Tier, number>;
  capacity: Capacity;
  whaleCurve: WhaleCurve;
}

function row(a: AccountFigures): SnapshotRow {
  return {
    companyId: a.companyId, name: nameOf(a), priorityRank: a.priorityRank,
    quadrant: a.quadrant, category: a.category, tier: a.tier, action: a.action,
    isKeyAccount: a.isKeyAccount, waitingForKeyPlace: a.waitingForKeyPlace, strategic: a.strategic,
    attractiveness: a.attractiveness.value, strength: a.strength.value,
    expectedRevenue: a.expectedRevenue, expectedProfit: a.expectedProfit, lifetimeValue: a.lifetimeValue,
    wonTTM: a.wonTTM, marginPct: a.marginPct, coverage: a.coverage, recommendedCoverage: a.recommendedCoverage,
  };
}

/**
 * The profit target as set ('auto' or a number) and the number in force. A result may carry the
 * number 'auto' gave (scoring-model.md §11); a number set in the settings is its own value.
 */
export function profitTargetOf(settings: Settings, result?: PortfolioResult): ProfitTarget {
  const setting = settings.profitTarget as number | 'auto';
  if (typeof setting === 'number') return { setting, value: setting };
  // The result names it as a number, or as {value, source} where the model says where it came from.
  const computed = (result as { profitTarget?: unknown } | undefined)?.profitTarget;
  const value = typeof computed === 'number' ? computed : (computed as { value?: unknown } | undefined)?.value;
  return { setting, value: typeof value === 'number' ? value : null };
}

function indexes(accounts: readonly AccountFigures[], keep: (a: AccountFigures) => boolean): Uint32Array {
  const out: number[] = [];
  accounts.forEach((a, i) => {
    if (keep(a)) out.push(i);
  });
  return Uint32Array.from(out);
}

function countBy<K extends string>(keys: readonly K[], accounts: readonly AccountFigures[], pick: (a: AccountFigures) => K): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const a of accounts) counts[pick(a)] += 1;
  return counts;
}

export function buildSnapshot(result: PortfolioResult, settings: Settings, meta: { portalId: string; asOf: Date; settingsVersion: number; builtAt: number }): PortfolioSnapshot {
  const { accounts } = result;
  const position = new Map(accounts.map((a, i) => [a.companyId, i]));
  // Biggest revenue first, as `kam score` lists them: that is where a thin margin costs the most.
  const lowProfit = [...highRevenueLowProfit(accounts, settings)].sort((a, b) => b.wonTTM - a.wonTTM || a.priorityRank - b.priorityRank);
  const lists = {
    all: Uint32Array.from(accounts.keys()),
    'key-list': indexes(accounts, (a) => a.isKeyAccount),
    waiting: indexes(accounts, (a) => a.waitingForKeyPlace),
    'high-revenue-low-profit': Uint32Array.from(lowProfit.map((a) => position.get(a.companyId)!)),
    ...Object.fromEntries(QUADRANTS.map((q) => [`quadrant:${q}`, indexes(accounts, (a) => a.quadrant === q)])),
    ...Object.fromEntries(CATEGORIES.map((c) => [`category:${c}`, indexes(accounts, (a) => a.category === c)])),
    ...Object.fromEntries(TIERS.map((t) => [`tier:${t}`, indexes(accounts, (a) => a.tier === t)])),
  } as Record<AccountList, Uint32Array>;
  return {
    portalId: meta.portalId,
    asOf: meta.asOf.toISOString(),
    settingsVersion: meta.settingsVersion,
    builtAt: meta.builtAt,
    companyCount: accounts.length,
    thresholds: { ...result.thresholds },
    profitTarget: profitTargetOf(settings, result),
    rows: accounts.map(row),
    lists,
    categoryCounts: countBy(CATEGORIES, accounts, (a) => a.category),
    tierCounts: countBy(TIERS, accounts, (a) => a.tier),
    capacity: capacityOf(result),
    whaleCurve: whaleCurve(accounts),
  };
}
