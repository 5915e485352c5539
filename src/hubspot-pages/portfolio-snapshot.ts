// One portal's scored portfolio, kept compact for the app home page: a row per company in priority
// order and, per account list, the positions of its rows. Built once from scorePortfolio's result
// (the same figures `kam score` and the operator page show); every page and summary is then read
// from it without scoring anything again.
import { highRevenueLowProfit } from '../model/warnings.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, TIERS, type AccountFigures, type Category, type Tier } from '../model/types.ts';
import { nameOf } from '../portfolio-page/labels.ts';
import { capacityOf, groupWhitespaceOf, inGroup, largestGapLine } from '../portfolio-page/portfolio-view.ts';
import { whaleCurve } from '../portfolio-page/whale-curve.ts';
import type { AccountList, AccountRow, Capacity, GroupRef, ProfitTarget, WhaleCurve } from './api-contract.ts';

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
  /** Per group of two or more companies (by its top's id), indexes into rows of its members, in priority order. */
  groups: Map<string, Uint32Array>;
  /** Rows with a whitespace figure. */
  whitespaceKnown: number;
  categoryCounts: Record<Category, number>;
  tierCounts: Record<Tier, number>;
  capacity: Capacity;
  whaleCurve: WhaleCurve;
}

const pct = (fraction: number | null): number | null => (fraction === null ? null : fraction * 100);

function groupRef(a: AccountFigures, groupWhitespace: ReadonlyMap<string, number>): GroupRef | null {
  const g = a.group;
  if (g === null || !inGroup(a)) return null;
  return {
    groupId: g.groupId, name: g.groupName ?? `(no name, id ${g.groupId})`, size: g.size, purchasing: g.purchasing,
    shareOfWalletPct: pct(g.shareOfWallet), expectedProfit: g.expectedProfit, ownSharePct: pct(g.ownShareOfGroup),
    whitespace: groupWhitespace.get(g.groupId) ?? null,
  };
}


/** A row's account depth (§8, §9): its group of two or more, its whitespace and the line with the largest gap. */
export function depthOfRow(a: AccountFigures, groupWhitespace: ReadonlyMap<string, number>): Pick<SnapshotRow, 'group' | 'whitespace' | 'whitespaceLine'> {
  return { group: groupRef(a, groupWhitespace), whitespace: a.whitespace?.value ?? null, whitespaceLine: largestGapLine(a) };
}

function row(a: AccountFigures, groupWhitespace: ReadonlyMap<string, number>): SnapshotRow {
  return {
    companyId: a.companyId, name: nameOf(a), priorityRank: a.priorityRank,
    quadrant: a.quadrant, category: a.category, tier: a.tier, action: a.action,
    isKeyAccount: a.isKeyAccount, waitingForKeyPlace: a.waitingForKeyPlace, strategic: a.strategic,
    attractiveness: a.attractiveness.value, strength: a.strength.value,
    expectedRevenue: a.expectedRevenue, expectedProfit: a.expectedProfit, lifetimeValue: a.lifetimeValue,
    wonTTM: a.wonTTM, marginPct: a.marginPct, coverage: a.coverage, recommendedCoverage: a.recommendedCoverage,
    ...depthOfRow(a, groupWhitespace),
  };
}

/** Each group's members, in the accounts' (priority) order. */
function groupPositions(accounts: readonly AccountFigures[]): Map<string, Uint32Array> {
  const members = new Map<string, number[]>();
  accounts.forEach((a, i) => {
    if (a.group === null || !inGroup(a)) return;
    const list = members.get(a.group.groupId) ?? members.set(a.group.groupId, []).get(a.group.groupId)!;
    list.push(i);
  });
  return new Map([...members].map(([id, positions]) => [id, Uint32Array.from(positions)]));
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
  const groupWhitespace = groupWhitespaceOf(accounts);
  // Biggest revenue first, as `kam score` lists them: that is where a thin margin costs the most.
  const lowProfit = [...highRevenueLowProfit(accounts, settings)].sort((a, b) => b.wonTTM - a.wonTTM || a.priorityRank - b.priorityRank);
  const lists = {
    all: Uint32Array.from(accounts.keys()),
    'key-list': indexes(accounts, (a) => a.isKeyAccount),
    waiting: indexes(accounts, (a) => a.waitingForKeyPlace),
    'high-revenue-low-profit': Uint32Array.from(lowProfit.map((a) => position.get(a.companyId)!)),
    groups: indexes(accounts, (a) => inGroup(a) && a.group!.groupId === a.companyId),
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
    rows: accounts.map((a) => row(a, groupWhitespace)),
    lists,
    groups: groupPositions(accounts),
    whitespaceKnown: accounts.reduce((n, a) => n + (a.whitespace === null ? 0 : 1), 0),
    categoryCounts: countBy(CATEGORIES, accounts, (a) => a.category),
    tierCounts: countBy(TIERS, accounts, (a) => a.tier),
    capacity: capacityOf(result),
    whaleCurve: whaleCurve(accounts),
  };
}
