// The page's tables: the key-account list under its capacity line, the high-revenue / low-profit
// warnings (the seed-002 warning, as `kam score` prints it), the groups of companies (§8), and one
// group's companies when the page is filtered by it. Whitespace (§9) is a column wherever a company is.
import { money, oneDecimal } from '../model/format.ts';
import { escapeHtml } from './html-escape.ts';
import { CATEGORY_LABELS, QUADRANT_LABELS } from './labels.ts';
import type { AccountRow, GroupRow, PortfolioView } from './portfolio-view.ts';

const cell = (value: string, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${value}</td>`;
const moneyCell = (v: number): string => cell(escapeHtml(money(v)), v < 0 ? 'num neg' : 'num');
const head = (names: Array<[string, boolean?]>): string => `<tr>${names.map(([n, right]) => `<th${right ? ' class="num"' : ''}>${escapeHtml(n)}</th>`).join('')}</tr>`;
const nameCell = (a: AccountRow): string => `<td class="name" title="${escapeHtml(a.name)}">${escapeHtml(a.name)}</td>`;

/** This page filtered by a group: same portal, `group` added (a relative link keeps the path). */
export const groupHref = (portalId: string, groupId: string): string => `?portal=${encodeURIComponent(portalId)}&group=${encodeURIComponent(groupId)}`;

/** "9,000,000 <span>Licences</span>"; a dash where the app has no whitespace figure. */
function whitespaceCell(a: Pick<AccountRow, 'whitespace' | 'whitespaceLine'>): string {
  if (a.whitespace === null) return cell('<span class="muted">—</span>', 'num');
  const line = a.whitespaceLine === null ? '' : ` <span class="muted">${escapeHtml(a.whitespaceLine)}</span>`;
  return cell(`${escapeHtml(money(a.whitespace))}${line}`, 'num');
}

function groupCell(portalId: string, a: AccountRow): string {
  if (a.group === null) return cell('<span class="muted">—</span>');
  const text = a.group.groupId === a.companyId ? `top of ${a.group.size}` : `${a.group.name} (${a.group.size})`;
  return cell(`<a href="${escapeHtml(groupHref(portalId, a.group.groupId))}" title="${escapeHtml(`Group of ${a.group.name}`)}">${escapeHtml(text)}</a>`);
}

/** Which depth columns the key-account table shows: none that no company of the portfolio has a figure for. */
interface DepthColumns {
  whitespace: boolean;
  group: boolean;
}

function keyRow(portalId: string, columns: DepthColumns, a: AccountRow): string {
  const coverage = a.coverage === a.recommendedCoverage ? escapeHtml(a.coverage) : `${escapeHtml(a.coverage)} <span class="muted">(rec. ${escapeHtml(a.recommendedCoverage)})</span>`;
  return `<tr data-company="${escapeHtml(a.companyId)}">${cell(String(a.priorityRank), 'num')}${nameCell(a)}${cell(escapeHtml(QUADRANT_LABELS[a.quadrant]))}`
    + `${moneyCell(a.expectedProfit)}${moneyCell(a.lifetimeValue)}${columns.whitespace ? whitespaceCell(a) : ''}${columns.group ? groupCell(portalId, a) : ''}`
    + `${cell(coverage)}${cell(a.strategic ? '<span class="pill strategic">strategic</span>' : '')}</tr>`;
}

/** A capacity can be in the thousands; the page lists the first `shown` (kam score --format csv has them all). */
export function renderKeyAccounts(view: PortfolioView, shown = 100): string {
  const c = view.capacity;
  const columns: DepthColumns = { whitespace: view.whitespaceKnown > 0, group: view.groups.length > 0 };
  const more = view.keyAccounts.length > shown ? `<p class="next">… and ${view.keyAccounts.length - shown} more key accounts.</p>` : '';
  const pct = c.capacity === 0 ? 0 : Math.min(100, (c.used / c.capacity) * 100);
  const next = view.waiting.length
    ? `<p class="next">Next in line: ${view.waiting.map((a) => `${escapeHtml(a.name)} (rank ${a.priorityRank})`).join(', ')}</p>`
    : '';
  const table = view.keyAccounts.length
    ? `<table class="key-accounts">${head([['rank', true], ['company'], ['quadrant'], ['expected profit', true], ['lifetime value', true], ...depthHeads(columns), ['coverage'], ['']])}`
      + `${view.keyAccounts.slice(0, shown).map((a) => keyRow(view.portalId, columns, a)).join('')}</table>${more}`
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

function depthHeads(columns: DepthColumns): Array<[string, boolean?]> {
  return [...(columns.whitespace ? [['whitespace', true] as [string, boolean]] : []), ...(columns.group ? [['group'] as [string]] : [])];
}

function groupRow(portalId: string, g: GroupRow): string {
  const share = g.shareOfWalletPct === null ? '<span class="muted">unknown</span>' : `${escapeHtml(oneDecimal(g.shareOfWalletPct))} %`;
  const buys = g.purchasing === 'central' ? 'as one' : 'branches';
  return `<tr data-group="${escapeHtml(g.groupId)}">${cell(String(g.priorityRank), 'num')}`
    + `<td class="name"><a href="${escapeHtml(groupHref(portalId, g.groupId))}" title="${escapeHtml(g.name)}">${escapeHtml(g.name)}</a></td>`
    + `${cell(String(g.size), 'num')}${cell(buys)}${cell(share, 'num')}${moneyCell(g.expectedProfit)}${whitespaceCell({ whitespace: g.whitespace, whitespaceLine: null })}</tr>`;
}

/** The groups of two or more companies, by their top's rank; each opens the page filtered by it. */
export function renderGroups(view: PortfolioView, shown = 25): string {
  const groups = view.groups;
  if (groups.length === 0) return '<p class="muted">No company has a parent or child company in HubSpot (or the parent links have not been read yet): every company is scored on its own.</p>';
  const more = groups.length > shown ? `<p class="next">… and ${groups.length - shown} more groups: open one by its top company's id below.</p>` : '';
  return `<table class="groups">${head([['rank', true], ['group (top company)'], ['companies', true], ['buys'], ['share of wallet', true], ['expected profit', true], ['whitespace', true]])}`
    + `${groups.slice(0, shown).map((g) => groupRow(view.portalId, g)).join('')}</table>${more}${groupForm(view)}`;
}

/** A plain GET form: any group by its top company's id, no script needed. */
function groupForm(view: PortfolioView): string {
  return `<form class="group-filter" method="get"><input type="hidden" name="portal" value="${escapeHtml(view.portalId)}">`
    + `<label>Top company id <input name="group" inputmode="numeric" pattern="\\d{1,20}" maxlength="20" required value="${escapeHtml(view.groupFilter?.groupId ?? '')}"></label> <button type="submit">Show the group</button></form>`;
}

function memberRow(a: AccountRow): string {
  const own = a.ownSharePct === null ? '<span class="muted">—</span>' : `${escapeHtml(oneDecimal(a.ownSharePct))} %`;
  return `<tr data-company="${escapeHtml(a.companyId)}">${cell(String(a.priorityRank), 'num')}${nameCell(a)}${cell(escapeHtml(QUADRANT_LABELS[a.quadrant]))}`
    + `${cell(escapeHtml(CATEGORY_LABELS[a.category]))}${moneyCell(a.wonTTM)}${cell(own, 'num')}${moneyCell(a.expectedProfit)}${whitespaceCell(a)}</tr>`;
}

/** The companies of the group the page was filtered by, each beside its part of the group. */
export function renderGroupFilter(view: PortfolioView): string {
  const f = view.groupFilter;
  if (f === null) return '';
  const back = `<a href="?portal=${escapeHtml(encodeURIComponent(view.portalId))}">Show the whole portfolio</a>`;
  if (f.members.length === 0) {
    return `<div class="panel" id="group-filter"><h2>Group ${escapeHtml(f.groupId)}</h2><p class="note">No group has company ${escapeHtml(f.groupId)} at its top in this portfolio (a member's id names no group: use its top company's). ${back}</p></div>`;
  }
  const g = f.group;
  const title = g === null ? `${f.members[0]!.name}: not part of a group` : `Group of ${g.name} · ${g.size} companies`;
  const how = g === null
    ? 'HubSpot names no parent or child company for it: its figures are its own.'
    : g.purchasing === 'central'
      ? `The group buys as one: it is ranked once (rank ${g.priorityRank}) and takes one key place; each company's quadrant, action, rank and tier are the group's.`
      : 'Each company of the group buys on its own and is ranked on its own; the group\'s figures are shown beside.';
  const figures = g === null ? '' : `<p class="note">Group share of wallet ${g.shareOfWalletPct === null ? 'unknown' : `${escapeHtml(oneDecimal(g.shareOfWalletPct))} %`}, expected profit ${escapeHtml(money(g.expectedProfit))}${g.whitespace === null ? '' : `, whitespace ${escapeHtml(money(g.whitespace))}`}.</p>`;
  return `<div class="panel" id="group-filter"><h2>${escapeHtml(title)}</h2><p class="note">${escapeHtml(how)} ${back}</p>${figures}`
    + `<table class="members">${head([['rank', true], ['company'], ['quadrant'], ['category'], ['won (12 mo)', true], ["share of the group's revenue", true], ['expected profit', true], ['whitespace', true]])}`
    + `${f.members.map(memberRow).join('')}</table></div>`;
}
