// The page's two tables: the key-account list under its capacity line, and the high-revenue /
// low-profit warnings (the seed-002 warning, as `kam score` prints it).
import { money, oneDecimal } from '../model/format.ts';
import { escapeHtml } from './html-escape.ts';
import { CATEGORY_LABELS, QUADRANT_LABELS } from './labels.ts';
import type { AccountRow, PortfolioView } from './portfolio-view.ts';

const cell = (value: string, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${value}</td>`;
const moneyCell = (v: number): string => cell(escapeHtml(money(v)), v < 0 ? 'num neg' : 'num');
const head = (names: Array<[string, boolean?]>): string => `<tr>${names.map(([n, right]) => `<th${right ? ' class="num"' : ''}>${escapeHtml(n)}</th>`).join('')}</tr>`;
const nameCell = (a: AccountRow): string => `<td class="name" title="${escapeHtml(a.name)}">${escapeHtml(a.name)}</td>`;

function keyRow(a: AccountRow): string {
  const coverage = a.coverage === a.recommendedCoverage ? escapeHtml(a.coverage) : `${escapeHtml(a.coverage)} <span class="muted">(rec. ${escapeHtml(a.recommendedCoverage)})</span>`;
  return `<tr data-company="${escapeHtml(a.companyId)}">${cell(String(a.priorityRank), 'num')}${nameCell(a)}${cell(escapeHtml(QUADRANT_LABELS[a.quadrant]))}`
    + `${moneyCell(a.expectedProfit)}${moneyCell(a.lifetimeValue)}${cell(coverage)}${cell(a.strategic ? '<span class="pill strategic">strategic</span>' : '')}</tr>`;
}

/** A capacity can be in the thousands; the page lists the first `shown` (kam score --format csv has them all). */
export function renderKeyAccounts(view: PortfolioView, shown = 100): string {
  const c = view.capacity;
  const more = view.keyAccounts.length > shown ? `<p class="next">… and ${view.keyAccounts.length - shown} more key accounts.</p>` : '';
  const pct = c.capacity === 0 ? 0 : Math.min(100, (c.used / c.capacity) * 100);
  const next = view.waiting.length
    ? `<p class="next">Next in line: ${view.waiting.map((a) => `${escapeHtml(a.name)} (rank ${a.priorityRank})`).join(', ')}</p>`
    : '';
  const table = view.keyAccounts.length
    ? `<table class="key-accounts">${head([['rank', true], ['company'], ['quadrant'], ['expected profit', true], ['lifetime value', true], ['coverage'], ['']])}${view.keyAccounts.slice(0, shown).map(keyRow).join('')}</table>${more}`
    : '<p class="muted">No key accounts: no existing customer passes the profit target or is marked strategic.</p>';
  return `<p class="capacity" id="capacity-line">${escapeHtml(c.line)}</p><div class="capacity-bar"><span style="width:${pct.toFixed(1)}%"></span></div>${table}${next}`;
}

function warningRow(a: AccountRow): string {
  return `<tr data-company="${escapeHtml(a.companyId)}">${cell(String(a.priorityRank), 'num')}${nameCell(a)}${cell(escapeHtml(CATEGORY_LABELS[a.category]))}`
    + `${moneyCell(a.wonTTM)}${cell(`${escapeHtml(oneDecimal(a.marginPct))} %`, 'num')}${moneyCell(a.currentContribution)}</tr>`;
}

export function renderWarnings(view: PortfolioView, shown = 10): string {
  const list = view.highRevenueLowProfit;
  if (list.length === 0) return '<p class="muted">None: no customer in the top quarter by revenue has a thin margin, and none loses money today.</p>';
  const rows = list.slice(0, shown).map(warningRow).join('');
  const more = list.length > shown ? `<p class="next">… and ${list.length - shown} more (kam score --format csv lists every company).</p>` : '';
  return `<table class="warnings">${head([['rank', true], ['company'], ['category'], ['won (12 mo)', true], ['margin', true], ['contribution now', true]])}${rows}</table>${more}`;
}
