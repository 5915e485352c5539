// The attractiveness × strength matrix as inline SVG: quadrants, the two threshold lines with their
// values, one dot per company (area ∝ expected revenue, colour = category, a <title> tooltip).
import { oneDecimal } from '../model/format.ts';
import type { Quadrant } from '../model/types.ts';
import { escapeHtml } from './html-escape.ts';
import { CATEGORY_COLOURS, QUADRANT_LABELS } from './labels.ts';
import type { PortfolioView } from './portfolio-view.ts';
import { linearScale, px } from './svg-axis.ts';

const M = { left: 56, right: 20, top: 30, bottom: 50 };
const SIZE = 540;
const WIDTH = M.left + SIZE + M.right;
const HEIGHT = M.top + SIZE + M.bottom;
// Half a unit of room beyond 1 and 10, so dots on the scale's ends do not cover the tick labels.
const x = linearScale([0.5, 10.5], [M.left, M.left + SIZE]);
const y = linearScale([0.5, 10.5], [M.top + SIZE, M.top]);

const QUADRANT_TINT: Record<Quadrant, string> = {
  key: '#fdf3e1',
  key_development: '#eaf3fa',
  maintenance: '#eef6f1',
  opportunistic: '#f5f6f7',
};

function gridAndAxes(): string {
  const parts: string[] = [];
  for (let v = 1; v <= 10; v++) {
    parts.push(`<line class="grid" x1="${px(x(v))}" y1="${M.top}" x2="${px(x(v))}" y2="${M.top + SIZE}"/>`);
    parts.push(`<line class="grid" x1="${M.left}" y1="${px(y(v))}" x2="${M.left + SIZE}" y2="${px(y(v))}"/>`);
    parts.push(`<text class="tick" x="${px(x(v))}" y="${M.top + SIZE + 16}" text-anchor="middle">${v}</text>`);
    parts.push(`<text class="tick" x="${M.left - 8}" y="${px(y(v) + 4)}" text-anchor="end">${v}</text>`);
  }
  parts.push(`<rect class="frame" x="${M.left}" y="${M.top}" width="${SIZE}" height="${SIZE}"/>`);
  parts.push(`<text class="axis-title" x="${M.left + SIZE / 2}" y="${HEIGHT - 10}" text-anchor="middle">Our relative strength (1–10) →</text>`);
  parts.push(`<text class="axis-title" transform="translate(16 ${M.top + SIZE / 2}) rotate(-90)" text-anchor="middle">Customer attractiveness (1–10) →</text>`);
  return parts.join('');
}

function quadrants(view: PortfolioView, tx: number, ty: number): { fills: string; labels: string } {
  const left = M.left;
  const right = M.left + SIZE;
  const top = M.top;
  const bottom = M.top + SIZE;
  const areas: Array<[Quadrant, number, number, number, number, 'start' | 'end', number, number]> = [
    ['key_development', left, top, tx - left, ty - top, 'start', left + 10, top + 20],
    ['key', tx, top, right - tx, ty - top, 'end', right - 10, top + 20],
    ['opportunistic', left, ty, tx - left, bottom - ty, 'start', left + 10, bottom - 12],
    ['maintenance', tx, ty, right - tx, bottom - ty, 'end', right - 10, bottom - 12],
  ];
  const fills = areas.map(([q, ax, ay, w, h]) => `<rect x="${px(ax)}" y="${px(ay)}" width="${px(Math.max(0, w))}" height="${px(Math.max(0, h))}" fill="${QUADRANT_TINT[q]}"/>`);
  const labels = areas.map(([q, , , , , anchor, lx, ly]) =>
    `<text class="quadrant-label" x="${px(lx)}" y="${px(ly)}" text-anchor="${anchor}">${escapeHtml(QUADRANT_LABELS[q])} · ${view.quadrantCounts[q]}</text>`);
  return { fills: fills.join(''), labels: labels.join('') };
}

function thresholdLines(view: PortfolioView, tx: number, ty: number): string {
  const s = view.settings.thresholds;
  const avg = (setting: number | 'portfolio-average'): string => (setting === 'portfolio-average' ? ' (portfolio average)' : '');
  const strengthText = `strength ${oneDecimal(view.thresholds.strength)}${avg(s.strength)}`;
  const attractText = `attractiveness ${oneDecimal(view.thresholds.attractiveness)}${avg(s.attractiveness)}`;
  // The vertical line's label sits above the plot, the horizontal one's just above its line.
  const anchor = tx > M.left + SIZE * 0.7 ? 'end' : tx < M.left + SIZE * 0.3 ? 'start' : 'middle';
  return [
    `<line class="threshold" x1="${px(tx)}" y1="${M.top}" x2="${px(tx)}" y2="${M.top + SIZE}"/>`,
    `<line class="threshold" x1="${M.left}" y1="${px(ty)}" x2="${M.left + SIZE}" y2="${px(ty)}"/>`,
    `<text class="threshold-label" x="${px(tx)}" y="${M.top - 9}" text-anchor="${anchor}">${escapeHtml(strengthText)}</text>`,
    `<text class="threshold-label halo" x="${M.left + SIZE - 6}" y="${px(ty - 6)}" text-anchor="end">${escapeHtml(attractText)}</text>`,
  ].join('');
}

function dots(view: PortfolioView): string {
  return view.matrix.dots
    .map((d) => {
      const colour = CATEGORY_COLOURS[d.category];
      // A style, not a presentation attribute: the stylesheet's white outline would win over one.
      const paint = d.unknownAxis ? `class="dot hollow" style="stroke:${colour}"` : `class="dot" fill="${colour}"`;
      return `<circle ${paint} cx="${px(x(d.x))}" cy="${px(y(d.y))}" r="${px(d.r)}" data-company="${escapeHtml(d.companyId)}"><title>${escapeHtml(d.title)}</title></circle>`;
    })
    .join('');
}

export function renderMatrixSvg(view: PortfolioView): string {
  const clamp = (v: number): number => Math.min(10, Math.max(1, v));
  const tx = x(clamp(view.thresholds.strength));
  const ty = y(clamp(view.thresholds.attractiveness));
  const q = quadrants(view, tx, ty);
  return [
    `<svg class="matrix" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="matrix-title">`,
    '<title id="matrix-title">Customer attractiveness against our relative strength, one dot per company</title>',
    q.fills, gridAndAxes(), thresholdLines(view, tx, ty),
    `<g class="dots">${dots(view)}</g>`,
    q.labels,
    '</svg>',
  ].join('');
}
