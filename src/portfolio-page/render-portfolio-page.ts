// The whole portfolio page: one HTML document with inline CSS, inline SVG and one inline script.
import { money, oneDecimal } from '../model/format.ts';
import { CATEGORIES, QUADRANTS } from '../model/types.ts';
import { renderGroupFilter, renderGroups, renderKeyAccounts, renderWarnings } from './account-tables.ts';
import { renderCategoryBars, renderMatrixLegend, renderQuadrantTiles } from './count-panels.ts';
import { escapeHtml, jsonForScript } from './html-escape.ts';
import { CATEGORY_LABELS, QUADRANT_LABELS } from './labels.ts';
import { renderMatrixSvg } from './matrix-svg.ts';
import { PAGE_STYLE } from './page-style.ts';
import type { PortfolioView } from './portfolio-view.ts';
import { renderWhaleSvg } from './whale-svg.ts';
import { renderWhatIfForm } from './what-if-form.ts';
import { WHAT_IF_SCRIPT } from './what-if-script.ts';

export interface PageUrls {
  whatIf: string;
  settings: string;
}

export const formatAsOf = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function pageDocument(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>${body}${script}</body></html>`;
}

function header(view: PortfolioView): string {
  const t = view.settings.thresholds;
  const avg = (s: number | 'portfolio-average'): string => (s === 'portfolio-average' ? ' <span>(average)</span>' : '');
  return `<header class="top"><div><h1>Key-account portfolio</h1><div class="sub">Portal ${escapeHtml(view.portalId)} · ${view.companyCount === 1 ? '1 company' : `${view.companyCount} companies`} · scored as of ${escapeHtml(formatAsOf(view.asOf))} · model version ${view.modelVersion}</div></div>`
    + `<div class="facts"><div><b>${view.capacity.used} / ${view.capacity.capacity}</b>key accounts</div>`
    + `<div><b>${escapeHtml(oneDecimal(view.thresholds.attractiveness))}</b>attractiveness threshold${avg(t.attractiveness)}</div>`
    + `<div><b>${escapeHtml(oneDecimal(view.thresholds.strength))}</b>strength threshold${avg(t.strength)}</div>`
    + `<div><b>${escapeHtml(money(view.profitTarget.value, view.settings.currency))}</b>profit target${view.profitTarget.source === 'auto' ? ' <span>(auto)</span>' : ''}</div></div></header>`;
}

function whalePanel(view: PortfolioView): string {
  const w = view.whale;
  const tail = w.companies - w.peak.rank;
  const lost = w.peak.value - w.total;
  const text = w.total > 0 && tail > 0 && lost > 0
    ? `The top ${w.peak.rank} companies bring ${escapeHtml(money(w.peak.value))}; the ${tail} after them lower the total by ${escapeHtml(money(lost))}.`
    : `Total expected profit ${escapeHtml(money(w.total))}.`;
  return `<div class="panel" id="whale-curve"><h2>Whale curve</h2><p class="note">Cumulative <strong>expected account profit</strong> (expected revenue × margin − cost to serve, per company) by priority rank, as a share of the portfolio's total. ${text}</p>${renderWhaleSvg(w)}</div>`;
}

function whitespaceNote(view: PortfolioView): string {
  return view.whitespaceKnown === 0
    ? 'No whitespace figures yet: they need the line items of won deals and a known wallet.'
    : '<strong>Whitespace</strong>: what a company of its size spends on each product line (by its peers\' mix) minus what it buys from us, summed; the line with the largest gap beside it.';
}

export function renderPortfolioPage(view: PortfolioView, urls: PageUrls): string {
  const data = {
    portalId: view.portalId, settings: view.settings, version: view.modelVersion, urls,
    quadrants: QUADRANTS, categories: CATEGORIES, labels: { quadrant: QUADRANT_LABELS, category: CATEGORY_LABELS },
  };
  const body = [
    header(view),
    '<main>',
    view.groupFilter === null ? '' : `<section class="row">${renderGroupFilter(view)}</section>`,
    '<section class="row">',
    `<div class="panel matrix-panel" id="matrix"><h2>Portfolio matrix</h2><p class="note">One dot per company: area ∝ expected revenue, colour = category. Hover a dot for its figures.</p>${renderMatrixSvg(view)}${renderMatrixLegend(view)}</div>`,
    `<div class="col"><div class="panel" id="quadrants"><h2>Quadrants</h2><p class="note">Attractiveness × our relative strength, against the thresholds.</p>${renderQuadrantTiles(view)}</div>`,
    `<div class="panel" id="categories"><h2>Categories</h2>${renderCategoryBars(view)}</div>`,
    whalePanel(view),
    '</div></section>',
    // The key list spans the page: with whitespace and group beside each account it is the widest table.
    `<section class="row"><div class="col"><div class="panel" id="key-accounts"><h2>Key accounts</h2><p class="note">Existing customers that pass the profit target with a dedicated team, or are marked strategic; strategic ones take a place first, then by priority rank. ${whitespaceNote(view)}</p>${renderKeyAccounts(view)}</div></div></section>`,
    '<section class="row">',
    `<div class="col wide"><div class="panel" id="groups"><h2>Groups of companies · ${view.groups.length}</h2><p class="note">Companies linked as parent and child in HubSpot, by their top company. A group that buys as one is ranked once and takes one key place; open a group for each company beside it.</p>${renderGroups(view)}</div></div>`,
    '<div class="col">',
    `<div class="panel" id="what-if-panel"><h2>What if…</h2><p class="note">Change the settings and preview, before saving, how many accounts would move between quadrants and categories. Computed on the stored portfolio; nothing is written until you save.</p>${renderWhatIfForm(view.settings, view.thresholds)}</div>`,
    `<div class="panel" id="high-revenue-low-profit"><h2>High revenue, low profit · ${view.highRevenueLowProfit.length}</h2><p class="note">Customers in the top quarter by won revenue with a margin below half of the default (${escapeHtml(oneDecimal(view.settings.defaultMarginPct / 2))} %), or that lose money today: big orders are not big customers when the profit is thin.</p>${renderWarnings(view)}</div>`,
    '</div></section>',
    '</main>',
  ].join('');
  const script = `<script type="application/json" id="kam-data">${jsonForScript(data)}</script><script>${WHAT_IF_SCRIPT}</script>`;
  return pageDocument(`Key-account portfolio · portal ${view.portalId}`, body, script);
}
