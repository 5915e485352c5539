// The whale curve as inline SVG: cumulative expected profit by priority rank, as a share of the
// portfolio's total, with the 100 % line and the peak marked. When the total is not positive a
// share means nothing, so the curve is drawn in money instead.
import { money, oneDecimal } from '../model/format.ts';
import { escapeHtml } from './html-escape.ts';
import { linearScale, niceStep, px, ticks } from './svg-axis.ts';
import type { WhaleCurve } from './whale-curve.ts';

const M = { left: 64, right: 24, top: 24, bottom: 46 };
const WIDTH = 620;
const HEIGHT = 236;

export function renderWhaleSvg(curve: WhaleCurve): string {
  const inPercent = curve.total > 0;
  const toY = (v: number): number => (inPercent ? (v / curve.total) * 100 : v);
  const label = (v: number): string => (inPercent ? `${oneDecimal(v)} %` : money(v));
  const yMax = Math.max(toY(curve.peak.value), inPercent ? 100 : 0) * 1.08 || 1;
  const yMin = Math.min(0, toY(curve.min)) * 1.08;
  const xMax = Math.max(1, curve.companies);
  const x = linearScale([0, xMax], [M.left, WIDTH - M.right]);
  const y = linearScale([yMin, yMax], [HEIGHT - M.bottom, M.top]);
  const yStep = niceStep(yMax - yMin, 5);
  const xStep = niceStep(xMax, 8);
  const parts: string[] = [
    `<svg class="whale" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="whale-title">`,
    '<title id="whale-title">Cumulative expected profit by priority rank</title>',
  ];
  for (const v of ticks(yMin, yMax, yStep)) {
    parts.push(`<line class="grid" x1="${M.left}" y1="${px(y(v))}" x2="${WIDTH - M.right}" y2="${px(y(v))}"/>`);
    parts.push(`<text class="tick" x="${M.left - 8}" y="${px(y(v) + 4)}" text-anchor="end">${escapeHtml(label(v))}</text>`);
  }
  for (const v of ticks(0, xMax, xStep)) {
    parts.push(`<text class="tick" x="${px(x(v))}" y="${HEIGHT - M.bottom + 16}" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<line class="axis" x1="${M.left}" y1="${px(y(0))}" x2="${WIDTH - M.right}" y2="${px(y(0))}"/>`);
  parts.push(`<text class="axis-title" x="${(M.left + WIDTH - M.right) / 2}" y="${HEIGHT - 8}" text-anchor="middle">Companies by priority rank (1 = highest lifetime value) →</text>`);
  const line = curve.points.map(([r, v], i) => `${i === 0 ? 'M' : 'L'}${px(x(r))} ${px(y(toY(v)))}`).join(' ');
  const last = curve.points[curve.points.length - 1] ?? [0, 0];
  parts.push(`<path class="whale-area" d="${line} L${px(x(last[0]))} ${px(y(0))} L${px(x(0))} ${px(y(0))} Z"/>`);
  parts.push(`<path class="whale-line" d="${line}"/>`);
  if (inPercent) {
    parts.push(`<line class="hundred" x1="${M.left}" y1="${px(y(100))}" x2="${WIDTH - M.right}" y2="${px(y(100))}"/>`);
    parts.push(`<text class="hundred-label halo" x="${WIDTH - M.right - 4}" y="${px(y(100) + 15)}" text-anchor="end">100 % = total ${escapeHtml(money(curve.total))}</text>`);
  }
  if (curve.peak.rank > 0) {
    const cx = x(curve.peak.rank);
    const cy = y(toY(curve.peak.value));
    const anchor = cx > WIDTH * 0.6 ? 'end' : 'start';
    const dx = anchor === 'end' ? -10 : 10;
    parts.push(`<circle class="peak" cx="${px(cx)}" cy="${px(cy)}" r="5"><title>Peak: ${escapeHtml(money(curve.peak.value))} after rank ${curve.peak.rank}</title></circle>`);
    parts.push(`<text class="peak-label halo" x="${px(cx + dx)}" y="${px(cy - 8)}" text-anchor="${anchor}">peak ${escapeHtml(label(toY(curve.peak.value)))} at rank ${curve.peak.rank}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
