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

interface Frame {
  x: (rank: number) => number;
  y: (value: number) => number;
  toY: (cumulative: number) => number;
  label: (value: number) => string;
  inPercent: boolean;
}

function frameFor(curve: WhaleCurve): Frame & { yMin: number; yMax: number; xMax: number } {
  const inPercent = curve.total > 0;
  const toY = (v: number): number => (inPercent ? (v / curve.total) * 100 : v);
  const yMax = Math.max(toY(curve.peak.value), inPercent ? 100 : 0) * 1.08 || 1;
  const yMin = Math.min(0, toY(curve.min)) * 1.08;
  const xMax = Math.max(1, curve.companies);
  return {
    x: linearScale([0, xMax], [M.left, WIDTH - M.right]),
    y: linearScale([yMin, yMax], [HEIGHT - M.bottom, M.top]),
    toY, inPercent, yMin, yMax, xMax,
    label: (v) => (inPercent ? `${oneDecimal(v)} %` : money(v)),
  };
}

function axes(f: ReturnType<typeof frameFor>): string[] {
  const parts: string[] = [];
  for (const v of ticks(f.yMin, f.yMax, niceStep(f.yMax - f.yMin, 5))) {
    parts.push(`<line class="grid" x1="${M.left}" y1="${px(f.y(v))}" x2="${WIDTH - M.right}" y2="${px(f.y(v))}"/>`);
    parts.push(`<text class="tick" x="${M.left - 8}" y="${px(f.y(v) + 4)}" text-anchor="end">${escapeHtml(f.label(v))}</text>`);
  }
  for (const v of ticks(0, f.xMax, niceStep(f.xMax, 8))) {
    parts.push(`<text class="tick" x="${px(f.x(v))}" y="${HEIGHT - M.bottom + 16}" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<line class="axis" x1="${M.left}" y1="${px(f.y(0))}" x2="${WIDTH - M.right}" y2="${px(f.y(0))}"/>`);
  parts.push(`<text class="axis-title" x="${(M.left + WIDTH - M.right) / 2}" y="${HEIGHT - 8}" text-anchor="middle">Companies by priority rank (1 = highest lifetime value) →</text>`);
  return parts;
}

function marks(curve: WhaleCurve, f: Frame): string[] {
  const parts: string[] = [];
  const line = curve.points.map(([r, v], i) => `${i === 0 ? 'M' : 'L'}${px(f.x(r))} ${px(f.y(f.toY(v)))}`).join(' ');
  const last = curve.points[curve.points.length - 1] ?? [0, 0];
  parts.push(`<path class="whale-area" d="${line} L${px(f.x(last[0]))} ${px(f.y(0))} L${px(f.x(0))} ${px(f.y(0))} Z"/>`);
  parts.push(`<path class="whale-line" d="${line}"/>`);
  if (f.inPercent) {
    parts.push(`<line class="hundred" x1="${M.left}" y1="${px(f.y(100))}" x2="${WIDTH - M.right}" y2="${px(f.y(100))}"/>`);
    parts.push(`<text class="hundred-label halo" x="${WIDTH - M.right - 4}" y="${px(f.y(100) + 15)}" text-anchor="end">100 % = total ${escapeHtml(money(curve.total))}</text>`);
  }
  if (curve.peak.rank > 0) {
    const cx = f.x(curve.peak.rank);
    const cy = f.y(f.toY(curve.peak.value));
    const anchor = cx > WIDTH * 0.6 ? 'end' : 'start';
    parts.push(`<circle class="peak" cx="${px(cx)}" cy="${px(cy)}" r="5"><title>Peak: ${escapeHtml(money(curve.peak.value))} after rank ${curve.peak.rank}</title></circle>`);
    parts.push(`<text class="peak-label halo" x="${px(cx + (anchor === 'end' ? -10 : 10))}" y="${px(cy - 8)}" text-anchor="${anchor}">peak ${escapeHtml(f.label(f.toY(curve.peak.value)))} at rank ${curve.peak.rank}</text>`);
  }
  return parts;
}

export function renderWhaleSvg(curve: WhaleCurve): string {
  const f = frameFor(curve);
  return [
    `<svg class="whale" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="whale-title">`,
    '<title id="whale-title">Cumulative expected profit by priority rank</title>',
    ...axes(f), ...marks(curve, f), '</svg>',
  ].join('');
}
