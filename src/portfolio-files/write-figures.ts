// Every figure per company, as one flat CSV row or as JSON, for a spreadsheet or another program.
import { stringify } from 'csv-stringify/sync';
import { money, roundTo } from '../model/format.ts';
import { topGapsText } from '../model/product-lines.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { AccountFigures } from '../model/types.ts';
import { SAFE_CSV_CAST } from './csv-cell.ts';

type Cell = string | number | boolean | null;

const round = (value: number | null, digits: number): number | null => (value === null ? null : roundTo(value, digits));
const cents = (value: number | null): number | null => round(value, 2);
const ratio = (value: number | null): number | null => round(value, 4);

/** The columns, in the order a reader scans them: who, verdict, then the money behind it. */
const COLUMNS: [name: string, cell: (f: AccountFigures) => Cell][] = [
  ['companyId', (f) => f.companyId],
  ['name', (f) => f.name],
  ['ownerId', (f) => f.ownerId],
  ['priorityRank', (f) => f.priorityRank],
  ['category', (f) => f.category],
  ['quadrant', (f) => f.quadrant],
  ['action', (f) => f.action],
  ['tier', (f) => f.tier],
  ['isKeyAccount', (f) => f.isKeyAccount],
  ['waitingForKeyPlace', (f) => f.waitingForKeyPlace],
  ['strategic', (f) => f.strategic],
  ['largeAccount', (f) => f.largeAccount],
  ['wonTTM', (f) => cents(f.wonTTM)],
  ['wonPrevTTM', (f) => cents(f.wonPrevTTM)],
  ['marginPct', (f) => ratio(f.marginPct)],
  ['weightedPipeline', (f) => cents(f.weightedPipeline)],
  ['wallet', (f) => cents(f.wallet)],
  ['walletSource', (f) => f.walletSource],
  ['potential', (f) => cents(f.potential)],
  ['shareOfWallet', (f) => ratio(f.shareOfWallet)],
  ['position', (f) => ratio(f.position)],
  ['expectedRevenue', (f) => cents(f.expectedRevenue)],
  ['coverage', (f) => f.coverage],
  ['recommendedCoverage', (f) => f.recommendedCoverage],
  ['costToServe', (f) => cents(f.costToServe)],
  ['expectedProfit', (f) => cents(f.expectedProfit)],
  ['currentContribution', (f) => cents(f.currentContribution)],
  ['lifetimeValue', (f) => cents(f.lifetimeValue)],
  ['attractiveness', (f) => ratio(f.attractiveness.value)],
  ['strength', (f) => ratio(f.strength.value)],
  ['groupId', (f) => f.group?.groupId ?? null],
  ['groupSize', (f) => f.group?.size ?? 1],
  ['groupPurchasing', (f) => f.group?.purchasing ?? null],
  ['groupShareOfWallet', (f) => ratio(f.group ? f.group.shareOfWallet : null)],
  ['groupExpectedProfit', (f) => cents(f.group ? f.group.expectedProfit : null)],
  ['ownShareOfGroup', (f) => ratio(f.group ? f.group.ownShareOfGroup : null)],
  ['relationshipStage', (f) => f.relationship.stage + (f.relationship.rolesKnown || f.relationship.overridden ? '' : ' (roles unknown)')],
  ['buyingRolesMissing', (f) => f.relationship.missingRoles?.join(';') ?? null],
  ['productLinesBought', (f) => f.productLinesBought.join('; ')],
  ['whitespaceValue', (f) => cents(f.whitespace ? f.whitespace.value : null)],
  ['whitespace', (f) => topGapsText(f.whitespace, (v) => money(v))],
  ['notes', (f) => f.notes.join('; ')],
  ['explanation', (f) => f.explanation],
];

export const FIGURE_COLUMNS: string[] = COLUMNS.map(([name]) => name);

export function figureRow(figures: AccountFigures): Record<string, Cell> {
  return Object.fromEntries(COLUMNS.map(([name, cell]) => [name, cell(figures)]));
}

/** One row per company in rank order; booleans as "true"/"false", unknown values empty, no text a spreadsheet would run. */
export function formatFiguresCsv(accounts: readonly AccountFigures[]): string {
  const rows = accounts.map((f) => COLUMNS.map(([, cell]) => cell(f)));
  return stringify([FIGURE_COLUMNS, ...rows], { cast: { ...SAFE_CSV_CAST, boolean: (b) => (b ? 'true' : 'false') } });
}

export interface FiguresJsonMeta {
  asOf: string;
  source: string;
  fileNotes: string[];
}

/** The portfolio figures and every company's full figures (factors included). */
export function formatFiguresJson(result: PortfolioResult, meta: FiguresJsonMeta): string {
  const { accounts, ...portfolio } = result;
  return `${JSON.stringify({ ...meta, ...portfolio, accounts }, null, 2)}\n`;
}
