// The portfolio page's view model, built only from scorePortfolio's result, so that every count and
// the key list are the ones `kam score` prints for the same data and settings. Groups (§8) and
// whitespace (§9) are the model's too: a portfolio without parent links or line items has none.
import { highRevenueLowProfit } from '../model/warnings.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, type AccountFigures, type Category, type Purchasing, type Quadrant, type Thresholds } from '../model/types.ts';
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
  /** The group of two or more it belongs to (its top's id and name); null for a company alone. */
  group: { groupId: string; name: string; size: number } | null;
  /** Its share of the group's won revenue, in %; null alone or when the group won nothing. */
  ownSharePct: number | null;
  /** Whitespace summed over product lines, and the line with the largest gap; null when unknown. */
  whitespace: number | null;
  whitespaceLine: string | null;
}

/** A group of two or more companies, as its top company's row shows it. */
export interface GroupRow {
  groupId: string;
  name: string;
  size: number;
  purchasing: Purchasing;
  /** The top's rank: the group's when it buys as one. */
  priorityRank: number;
  shareOfWalletPct: number | null;
  expectedProfit: number;
  /** The members' whitespace summed over those with a figure; null when none has one. */
  whitespace: number | null;
}

/** The page filtered by one group (?group=<top company id>). */
export interface GroupFilter {
  groupId: string;
  /** Null when the portfolio holds no group (or company alone) of that id. */
  group: GroupRow | null;
  /** Its companies in priority order (the company itself for a company alone). */
  members: AccountRow[];
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
  /** Every group of two or more, in its top's priority order. */
  groups: GroupRow[];
  /** Companies with a whitespace figure (0: no won deal's line items were read). */
  whitespaceKnown: number;
  /** Set when the page was asked for one group. */
  groupFilter: GroupFilter | null;
}

export interface ViewMeta {
  portalId: string;
  asOf: Date;
  modelVersion: number;
  /** Most dots drawn in the matrix (the largest by expected revenue); counts always cover every company. */
  maxDots?: number;
  waitingShown?: number;
  /** Show this group's companies (a top company's id). */
  group?: string;
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

/** In a group of two or more (a company alone carries no group, or a group of one). */
export const inGroup = (a: AccountFigures): boolean => a.group !== null && a.group.size > 1;

/** The product line with the largest whitespace; null when none is known or every gap is closed. */
export const largestGapLine = (a: AccountFigures): string | null => a.whitespace?.lines.find((l) => l.gap > 0)?.line ?? null;

/** Per group of two or more, its members' whitespace summed over those with a figure. */
export function groupWhitespaceOf(accounts: Iterable<AccountFigures>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const a of accounts) {
    if (inGroup(a) && a.whitespace !== null) sums.set(a.group!.groupId, (sums.get(a.group!.groupId) ?? 0) + a.whitespace.value);
  }
  return sums;
}

export function accountRow(a: AccountFigures): AccountRow {
  const g = inGroup(a) ? a.group! : null;
  return {
    companyId: a.companyId, name: nameOf(a), priorityRank: a.priorityRank,
    quadrant: a.quadrant, category: a.category, expectedRevenue: a.expectedRevenue, expectedProfit: a.expectedProfit,
    lifetimeValue: a.lifetimeValue, wonTTM: a.wonTTM, marginPct: a.marginPct, currentContribution: a.currentContribution,
    coverage: a.coverage, recommendedCoverage: a.recommendedCoverage, strategic: a.strategic,
    group: g && { groupId: g.groupId, name: g.groupName ?? `(no name, id ${g.groupId})`, size: g.size },
    ownSharePct: g?.ownShareOfGroup == null ? null : g.ownShareOfGroup * 100,
    whitespace: a.whitespace?.value ?? null,
    whitespaceLine: largestGapLine(a),
  };
}

/** The groups of two or more, by their tops in priority order, with their members' whitespace summed. */
export function groupRows(accounts: readonly AccountFigures[]): GroupRow[] {
  const whitespace = groupWhitespaceOf(accounts);
  return accounts.filter((a) => inGroup(a) && a.group!.groupId === a.companyId).map((a) => {
    const g = a.group!;
    return {
      groupId: g.groupId, name: g.groupName ?? `(no name, id ${g.groupId})`, size: g.size, purchasing: g.purchasing, priorityRank: a.priorityRank,
      shareOfWalletPct: g.shareOfWallet === null ? null : g.shareOfWallet * 100, expectedProfit: g.expectedProfit, whitespace: whitespace.get(g.groupId) ?? null,
    };
  });
}

function groupFilterOf(accounts: readonly AccountFigures[], groups: readonly GroupRow[], groupId: string): GroupFilter {
  const group = groups.find((g) => g.groupId === groupId) ?? null;
  // A company alone is its own group of one; a member's id names no group.
  const members = accounts.filter((a) => (inGroup(a) ? a.group!.groupId === groupId : a.companyId === groupId));
  return { groupId, group, members: members.map(accountRow) };
}

export function buildPortfolioView(result: PortfolioResult, settings: Settings, meta: ViewMeta): PortfolioView {
  const { accounts } = result;
  const waitingShown = meta.waitingShown ?? 5;
  // Biggest revenue first, as in `kam score`: that is where a thin margin costs the most.
  const lowProfit = [...highRevenueLowProfit(accounts, settings)].sort((a, b) => b.wonTTM - a.wonTTM);
  const groups = groupRows(accounts);
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
    groups,
    whitespaceKnown: accounts.reduce((n, a) => n + (a.whitespace === null ? 0 : 1), 0),
    groupFilter: meta.group === undefined ? null : groupFilterOf(accounts, groups, meta.group),
  };
}
