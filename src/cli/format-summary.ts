// The summary a manager reads in a terminal: how the portfolio splits, who the key accounts are,
// where revenue hides thin profit, and which rows had bad data (scored, with the bad values left out).
import { money as formatMoney, oneDecimal } from '../model/format.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { nameOf } from '../portfolio-page/labels.ts';
import { ACTIONS, CATEGORIES, QUADRANTS, TIERS, type AccountFigures } from '../model/types.ts';
import { formatTable } from './format-table.ts';
import { plural } from './plural.ts';
import { terminalText } from './terminal-text.ts';

export interface SummaryInput {
  result: PortfolioResult;
  settings: Settings;
  source: string;
  asOf: string;
  highRevenueLowProfit: readonly AccountFigures[];
  fileNotes: readonly string[];
  /** How many flagged rows to show with their notes. */
  flaggedShown?: number;
  /** How many high-revenue-low-profit accounts to list. */
  listShown?: number;
}

const LABELS: Record<string, string> = { key_development: 'key development' };
// The quadrant 'key' is not the category 'key' (§11): the quadrant table says so.
const QUADRANT_LABELS: Record<string, string> = { key: 'key (matrix)', key_development: 'key development' };
const share = (count: number, total: number): string => (total === 0 ? '–' : `${oneDecimal((count / total) * 100)} %`);

function distribution(title: string, values: readonly string[], accounts: readonly AccountFigures[], pick: (a: AccountFigures) => string, labels: Record<string, string> = LABELS): string[] {
  const counts = new Map(values.map((v) => [v, 0]));
  for (const a of accounts) counts.set(pick(a), (counts.get(pick(a)) ?? 0) + 1);
  const rows = values.map((v) => [labels[v] ?? v, String(counts.get(v) ?? 0), share(counts.get(v) ?? 0, accounts.length)]);
  return formatTable([{ header: title }, { header: 'accounts', align: 'right' }, { header: 'share', align: 'right' }], rows);
}

export function capacityLine(result: PortfolioResult): string {
  const waiting = result.waitingCount === 0 ? 'no eligible account waiting' : `${plural(result.waitingCount, 'eligible account')} waiting`;
  return `${result.keyCount} of ${result.keyAccountCapacity} places used; ${waiting}`;
}

/** A central group holds one key place: it is listed once, by its top company. */
const holdsPlace = (a: AccountFigures): boolean => a.group === null || a.group.purchasing === 'branches' || a.group.groupId === a.companyId;
const displayName = (a: AccountFigures): string => {
  const name = nameOf(a);
  return a.group && a.group.purchasing === 'central' ? `${name} (group of ${a.group.size})` : name;
};

function keyAccounts(result: PortfolioResult, currency: string | null): string[] {
  const money = (v: number): string => formatMoney(v, currency);
  const keys = result.accounts.filter((a) => a.isKeyAccount && holdsPlace(a));
  const lines = [`Key accounts: ${capacityLine(result)}`];
  if (keys.length === 0) return lines;
  const rows = keys.map((a) => [
    String(a.priorityRank), displayName(a), money(a.expectedProfit), money(a.lifetimeValue),
    a.coverage + (a.coverage === a.recommendedCoverage ? '' : ` (recommended ${a.recommendedCoverage})`), a.strategic ? 'strategic' : '',
  ]);
  const waiting = result.accounts.filter((a) => a.waitingForKeyPlace && holdsPlace(a)).slice(0, 5);
  return [
    ...lines,
    ...formatTable(
      [{ header: 'rank', align: 'right' }, { header: 'name', max: 36 }, { header: 'expected profit', align: 'right' }, { header: 'lifetime value', align: 'right' }, { header: 'coverage' }, { header: '' }],
      rows,
    ),
    ...(waiting.length ? [`  Next in line: ${waiting.map((a) => `${a.name ?? a.companyId} (rank ${a.priorityRank})`).join(', ')}`] : []),
  ];
}

function lowProfit(accounts: readonly AccountFigures[], shown: number, currency: string | null): string[] {
  const money = (v: number): string => formatMoney(v, currency);
  const title = `High revenue, low profit: ${plural(accounts.length, 'account')}`;
  if (accounts.length === 0) return [title];
  // Biggest revenue first: that is where a thin margin costs the most.
  const biggest = [...accounts].sort((a, b) => b.wonTTM - a.wonTTM).slice(0, shown);
  const rows = biggest.map((a) => [String(a.priorityRank), a.name ?? a.companyId, money(a.wonTTM), `${oneDecimal(a.marginPct)} %`, money(a.currentContribution)]);
  return [
    title,
    ...formatTable(
      [{ header: 'rank', align: 'right' }, { header: 'name', max: 36 }, { header: 'won (12 mo)', align: 'right' }, { header: 'margin', align: 'right' }, { header: 'contribution now', align: 'right' }],
      rows,
    ),
    ...(accounts.length > shown ? [`  … and ${accounts.length - shown} more`] : []),
  ];
}

/** Where the most is left to win (§9): the largest whitespace, with its three largest lines. */
function whitespace(accounts: readonly AccountFigures[], shown: number, currency: string | null): string[] {
  const withGaps = accounts.filter((a) => a.whitespace !== null && a.whitespace.value >= 0.5 && holdsPlace(a));
  if (withGaps.length === 0) return [];
  const money = (v: number): string => formatMoney(v, currency);
  const top = [...withGaps].sort((a, b) => b.whitespace!.value - a.whitespace!.value).slice(0, shown);
  const rows = top.map((a) => [
    String(a.priorityRank), a.name ?? a.companyId, money(a.whitespace!.value),
    a.whitespace!.lines.filter((l) => l.gap >= 0.5).slice(0, 3).map((l) => `${l.line} ${money(l.gap)}`).join(', '),
  ]);
  return [
    `Largest whitespace (expected spend by product line not yet won): ${plural(withGaps.length, 'account')}`,
    ...formatTable([{ header: 'rank', align: 'right' }, { header: 'name', max: 36 }, { header: 'whitespace', align: 'right' }, { header: 'largest lines', max: 60 }], rows),
  ];
}

function flagged(accounts: readonly AccountFigures[], fileNotes: readonly string[], shown: number): string[] {
  const bad = accounts.filter((a) => a.notes.length > 0);
  const lines = [`Flagged for bad data: ${plural(bad.length, 'company', 'companies')} (scored with the bad values left out)`];
  for (const a of bad.slice(0, shown)) lines.push(`  ${a.companyId} ${a.name ?? '(no name)'}: ${a.notes.join('; ')}`);
  if (bad.length > shown) lines.push(`  … and ${bad.length - shown} more (--format csv lists every note)`);
  for (const note of fileNotes) lines.push(`  File: ${note}`);
  return lines;
}

function thresholdText(value: number, setting: number | 'portfolio-average'): string {
  return `${oneDecimal(value)}${setting === 'portfolio-average' ? ' (portfolio average)' : ''}`;
}

/** Which number the profit target was, and where 'auto' took it from (§11). */
export function profitTargetText(result: PortfolioResult, settings: Settings): string {
  const t = result.profitTarget;
  const value = formatMoney(t.value, settings.currency);
  if (t.source === 'set') return `profit target ${value} (set)`;
  const n = settings.keyAccountCapacity;
  if (t.customers === 0) return `profit target ${value} (auto: no existing customer to take it from)`;
  const which = n <= 0 ? 'the largest plus 1' : t.customers < n ? `the smallest, as there are fewer than ${n}` : `the ${ordinal(n)} largest`;
  return `profit target ${value} (auto: ${which} expected profit with a dedicated team among ${plural(t.customers, 'existing customer')}, groups counted once)`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** How many groups (§8) the file holds and how they buy. */
function groupsLine(result: PortfolioResult): string {
  const tops = result.accounts.filter((a) => a.group !== null && a.group.groupId === a.companyId);
  const central = tops.filter((a) => a.group!.purchasing === 'central').length;
  const members = result.accounts.filter((a) => a.group !== null).length;
  return `Groups: ${plural(tops.length, 'group')} of ${members} companies (${central} buying centrally, ranked once; ${tops.length - central} by branches); ${plural(result.rankedCount, 'ranked account')}`;
}

export function formatSummary(input: SummaryInput): string {
  const { result, settings } = input;
  const { accounts } = result;
  const sections = [
    [
      `Portfolio ${input.source}: ${plural(accounts.length, 'company', 'companies')}, as of ${input.asOf}`,
      `Thresholds: attractiveness ${thresholdText(result.thresholds.attractiveness, settings.thresholds.attractiveness)}, strength ${thresholdText(result.thresholds.strength, settings.thresholds.strength)}; ${profitTargetText(result, settings)}`,
    ],
    ...(result.groupCount > 0 ? [[groupsLine(result)]] : []),
    distribution('quadrant', QUADRANTS, accounts, (a) => a.quadrant, QUADRANT_LABELS),
    distribution('category', CATEGORIES, accounts, (a) => a.category),
    distribution('tier', TIERS, accounts, (a) => a.tier),
    distribution('action', ACTIONS, accounts, (a) => a.action),
    keyAccounts(result, settings.currency),
    lowProfit(input.highRevenueLowProfit, input.listShown ?? 10, settings.currency),
    whitespace(accounts, input.listShown ?? 10, settings.currency),
    flagged(accounts, input.fileNotes, input.flaggedShown ?? 5),
  ];
  // Names and notes come from the file: no line may carry a terminal control sequence (R14).
  return `${sections.filter((s) => s.length > 0).map((s) => s.map(terminalText).join('\n')).join('\n\n')}\n`;
}
