// The summary a manager reads in a terminal: how the portfolio splits, who the key accounts are,
// where revenue hides thin profit, and which rows had bad data (scored, with the bad values left out).
import { money, oneDecimal } from '../model/format.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { ACTIONS, CATEGORIES, QUADRANTS, TIERS, type AccountFigures } from '../model/types.ts';
import { formatTable } from './format-table.ts';
import { plural } from './plural.ts';

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
const label = (value: string): string => LABELS[value] ?? value;
const share = (count: number, total: number): string => (total === 0 ? '–' : `${oneDecimal((count / total) * 100)} %`);

function distribution(title: string, values: readonly string[], accounts: readonly AccountFigures[], pick: (a: AccountFigures) => string): string[] {
  const counts = new Map(values.map((v) => [v, 0]));
  for (const a of accounts) counts.set(pick(a), (counts.get(pick(a)) ?? 0) + 1);
  const rows = values.map((v) => [label(v), String(counts.get(v) ?? 0), share(counts.get(v) ?? 0, accounts.length)]);
  return formatTable([{ header: title }, { header: 'accounts', align: 'right' }, { header: 'share', align: 'right' }], rows);
}

export function capacityLine(result: PortfolioResult): string {
  const waiting = result.waitingCount === 0 ? 'no eligible account waiting' : `${plural(result.waitingCount, 'eligible account')} waiting`;
  return `${result.keyCount} of ${result.keyAccountCapacity} places used; ${waiting}`;
}

function keyAccounts(result: PortfolioResult): string[] {
  const keys = result.accounts.filter((a) => a.isKeyAccount);
  const lines = [`Key accounts: ${capacityLine(result)}`];
  if (keys.length === 0) return lines;
  const rows = keys.map((a) => [
    String(a.priorityRank), a.name ?? `(no name, id ${a.companyId})`, money(a.expectedProfit), money(a.lifetimeValue),
    a.coverage + (a.coverage === a.recommendedCoverage ? '' : ` (recommended ${a.recommendedCoverage})`), a.strategic ? 'strategic' : '',
  ]);
  const waiting = result.accounts.filter((a) => a.waitingForKeyPlace).slice(0, 5);
  return [
    ...lines,
    ...formatTable(
      [{ header: 'rank', align: 'right' }, { header: 'name', max: 36 }, { header: 'expected profit', align: 'right' }, { header: 'lifetime value', align: 'right' }, { header: 'coverage' }, { header: '' }],
      rows,
    ),
    ...(waiting.length ? [`  Next in line: ${waiting.map((a) => `${a.name ?? a.companyId} (rank ${a.priorityRank})`).join(', ')}`] : []),
  ];
}

function lowProfit(accounts: readonly AccountFigures[], shown: number): string[] {
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

export function formatSummary(input: SummaryInput): string {
  const { result, settings } = input;
  const { accounts } = result;
  const sections = [
    [
      `Portfolio ${input.source}: ${plural(accounts.length, 'company', 'companies')}, as of ${input.asOf}`,
      `Thresholds: attractiveness ${thresholdText(result.thresholds.attractiveness, settings.thresholds.attractiveness)}, strength ${thresholdText(result.thresholds.strength, settings.thresholds.strength)}; profit target ${money(settings.profitTarget)}`,
    ],
    distribution('quadrant', QUADRANTS, accounts, (a) => a.quadrant),
    distribution('category', CATEGORIES, accounts, (a) => a.category),
    distribution('tier', TIERS, accounts, (a) => a.tier),
    distribution('action', ACTIONS, accounts, (a) => a.action),
    keyAccounts(result),
    lowProfit(input.highRevenueLowProfit, input.listShown ?? 10),
    flagged(accounts, input.fileNotes, input.flaggedShown ?? 5),
  ];
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}
