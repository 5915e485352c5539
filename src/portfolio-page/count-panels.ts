// The counts beside the matrix: quadrant tiles laid out like the matrix itself, category bars, and
// the matrix legend (category colours, dot sizes, hollow dots).
import { money } from '../model/format.ts';
import { CATEGORIES, type Quadrant } from '../model/types.ts';
import { escapeHtml } from './html-escape.ts';
import { CATEGORY_COLOURS, CATEGORY_LABELS, QUADRANT_LABELS } from './labels.ts';
import type { PortfolioView } from './portfolio-view.ts';

const QUADRANT_MEANING: Record<Quadrant, string> = {
  key_development: 'attractive, we are weak: invest to win',
  key: 'attractive, we are strong: sustain',
  opportunistic: 'less attractive, we are weak: serve efficiently',
  maintenance: 'less attractive, we are strong: maintain',
};

const share = (n: number, total: number): string => (total === 0 ? '–' : `${Math.round((n / total) * 1000) / 10} %`);

export function renderQuadrantTiles(view: PortfolioView): string {
  // Top row is high attractiveness, right column is strong: the matrix's own layout.
  const order: Quadrant[] = ['key_development', 'key', 'opportunistic', 'maintenance'];
  const tiles = order.map((q) => `<div class="tile ${q}" data-quadrant="${q}"><div class="n">${view.quadrantCounts[q]}</div>`
    + `<div><strong>${escapeHtml(QUADRANT_LABELS[q])}</strong> <span class="what">${share(view.quadrantCounts[q], view.companyCount)}</span></div>`
    + `<div class="what">${escapeHtml(QUADRANT_MEANING[q])}</div></div>`);
  return `<div class="quadrant-grid">${tiles.join('')}</div>`;
}

export function renderCategoryBars(view: PortfolioView): string {
  const max = Math.max(1, ...CATEGORIES.map((c) => view.categoryCounts[c]));
  const rows = CATEGORIES.map((c) => {
    const n = view.categoryCounts[c];
    return `<div><span class="swatch" style="background:${CATEGORY_COLOURS[c]}"></span>${escapeHtml(CATEGORY_LABELS[c])}</div>`
      + `<div class="bar"><span style="width:${((n / max) * 100).toFixed(1)}%;background:${CATEGORY_COLOURS[c]}"></span></div>`
      + `<div class="num" data-category="${c}">${n} <span class="muted">${share(n, view.companyCount)}</span></div>`;
  });
  return `<div class="bars">${rows.join('')}</div>`;
}

function sizeCircle(r: number): string {
  const d = Math.ceil(r * 2 + 2);
  return `<svg width="${d}" height="${d}" aria-hidden="true"><circle cx="${d / 2}" cy="${d / 2}" r="${r}" fill="#b6c2cf"/></svg>`;
}

export function renderMatrixLegend(view: PortfolioView): string {
  const m = view.matrix;
  const categories = CATEGORIES.map((c) => `<span><span class="swatch" style="background:${CATEGORY_COLOURS[c]}"></span>${escapeHtml(CATEGORY_LABELS[c])}</span>`);
  const sizes = m.revenueAtMaxRadius > 0
    ? [`<span class="size-legend">${sizeCircle(m.maxRadius / 2)} ${escapeHtml(money(m.revenueAtMaxRadius / 4))}</span>`,
      `<span class="size-legend">${sizeCircle(m.maxRadius)} ≥ ${escapeHtml(money(m.revenueAtMaxRadius))} expected revenue</span>`]
    : [];
  const hollow = m.unknownAxis > 0
    ? [`<span><span class="swatch hollow"></span>${m.unknownAxis} with an unknown axis, drawn at 1 (counted as low)</span>`]
    : [];
  const omitted = m.omitted > 0 ? [`<span class="muted">${m.omitted} smallest companies not drawn (counted)</span>`] : [];
  return `<div class="legend">${[...categories, ...sizes, ...hollow, ...omitted].join('')}</div>`;
}
