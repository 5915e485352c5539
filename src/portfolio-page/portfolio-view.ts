// The portfolio page's view model, built only from scorePortfolio's result, so that every count and
// the key list are the ones `kam score` prints for the same data and settings.
import { highRevenueLowProfit } from '../model/warnings.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, type AccountFigures, type Category, type Quadrant, type Thresholds } from '../model/types.ts';
import { nameOf } from './labels.ts';
import { matrixDots, type MatrixDots } from './matrix-dots.ts';
import { whaleCurve, type WhaleCurve } from './whale-curve.ts';

export interface AccountRow {
  companyId: string;
  name: string;
  priorityRank: number;
  quadrant: Quadrant;
  category: Category;
  expectedRevenue: number;
  expectedProfit: number;
  lifetimeValue: number;
  wonTTM: number;
  marginPct: number;
  currentContribution: number;
  coverage: string;
  recommendedCoverage: string;
  strategic: boolean;
}

export interface Capacity {
  used: number;
  capacity: number;
  waiting: number;
  /** "25 of 25 places used; 9 eligible accounts waiting", the words of `kam score`. */
  line: string;
}

export interface PortfolioView {
  portalId: string;
  asOf: string;
  modelVersion: number;
  settings: Settings;
  /** The profit target used: the number set, or what 'auto' gave (scoring-model.md §11). */
  profitTarget: PortfolioResult['profitTarget'];
  companyCount: number;
  thresholds: Thresholds;
  quadrantCounts: Record<Quadrant, number>;
  categoryCounts: Record<Category, number>;
  matrix: MatrixDots;
  whale: WhaleCurve;
  capacity: Capacity;
  keyAccounts: AccountRow[];
  /** Eligible accounts without a place, best first (the first few). */
  waiting: AccountRow[];
  waitingShown: number;
  highRevenueLowProfit: AccountRow[];
}

export interface ViewMeta {
  portalId: string;
  asOf: Date;
  modelVersion: number;
  /** Most dots drawn in the matrix (the largest by expected revenue); counts always cover every company. */
  maxDots?: number;
  waitingShown?: number;
}

export function countBy<K extends string>(keys: readonly K[], accounts: readonly AccountFigures[], pick: (a: AccountFigures) => K): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const a of accounts) counts[pick(a)] += 1;
  return counts;
}

export function capacityOf(result: PortfolioResult): Capacity {
  const n = result.waitingCount;
  const waiting = n === 0 ? 'no eligible account waiting' : `${n} eligible account${n === 1 ? '' : 's'} waiting`;
  return { used: result.keyCount, capacity: result.keyAccountCapacity, waiting: n, line: `${result.keyCount} of ${result.keyAccountCapacity} places used; ${waiting}` };
}

export function accountRow(a: AccountFigures): AccountRow {
  return {
    companyId: a.companyId, name: nameOf(a), priorityRank: a.priorityRank,
    quadrant: a.quadrant, category: a.category, expectedRevenue: a.expectedRevenue, expectedProfit: a.expectedProfit,
    lifetimeValue: a.lifetimeValue, wonTTM: a.wonTTM, marginPct: a.marginPct, currentContribution: a.currentContribution,
    coverage: a.coverage, recommendedCoverage: a.recommendedCoverage, strategic: a.strategic,
  };
}

export function buildPortfolioView(result: PortfolioResult, settings: Settings, meta: ViewMeta): PortfolioView {
  const { accounts } = result;
  const waitingShown = meta.waitingShown ?? 5;
  // Biggest revenue first, as in `kam score`: that is where a thin margin costs the most.
  const lowProfit = [...highRevenueLowProfit(accounts, settings)].sort((a, b) => b.wonTTM - a.wonTTM);
  return {
    portalId: meta.portalId,
    asOf: meta.asOf.toISOString(),
    modelVersion: meta.modelVersion,
    settings,
    profitTarget: result.profitTarget,
    companyCount: accounts.length,
    thresholds: { ...result.thresholds },
    quadrantCounts: countBy(QUADRANTS, accounts, (a) => a.quadrant),
    categoryCounts: countBy(CATEGORIES, accounts, (a) => a.category),
    matrix: matrixDots(accounts, { maxDots: meta.maxDots ?? 2000 }),
    whale: whaleCurve(accounts),
    capacity: capacityOf(result),
    keyAccounts: accounts.filter((a) => a.isKeyAccount).map(accountRow),
    waiting: accounts.filter((a) => a.waitingForKeyPlace).slice(0, waitingShown).map(accountRow),
    waitingShown,
    highRevenueLowProfit: lowProfit.map(accountRow),
  };
}
