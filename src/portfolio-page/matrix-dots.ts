// The dots of the attractiveness × strength matrix, in data units (1–10 on both axes) and with a
// radius whose area is proportional to expected revenue. The scale saturates at the 95th
// percentile, so one giant account does not shrink every other dot to a speck.
import { money, oneDecimal } from '../model/format.ts';
import type { AccountFigures, Category, Quadrant } from '../model/types.ts';
import { CATEGORY_LABELS, nameOf, QUADRANT_LABELS } from './labels.ts';

export interface MatrixDot {
  companyId: string;
  /** Strength, 1–10; an unknown strength is drawn at 1 (it counts as weak). */
  x: number;
  /** Attractiveness, 1–10; an unknown one is drawn at 1 (it counts as low). */
  y: number;
  r: number;
  category: Category;
  quadrant: Quadrant;
  /** Drawn hollow: at least one axis had no known factor. */
  unknownAxis: boolean;
  /** The tooltip: name and figures. */
  title: string;
}

export interface MatrixDots {
  /** Largest first, so small dots are drawn on top of large ones. */
  dots: MatrixDot[];
  omitted: number;
  unknownAxis: number;
  /** The expected revenue that gets the largest radius (and every larger one). */
  revenueAtMaxRadius: number;
  minRadius: number;
  maxRadius: number;
}

export interface DotOptions {
  maxDots: number;
  minRadius?: number;
  maxRadius?: number;
}

/** The value at quantile q (0–1) of the positive numbers; 0 when none. */
export function positiveQuantile(values: readonly number[], q: number): number {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 0;
  return positive[Math.min(positive.length - 1, Math.floor(q * (positive.length - 1)))]!;
}

export function radiusFor(revenue: number, reference: number, minRadius: number, maxRadius: number): number {
  if (!(revenue > 0) || !(reference > 0)) return minRadius;
  return Math.max(minRadius, maxRadius * Math.sqrt(Math.min(revenue, reference) / reference));
}

const axis = (v: number | null): string => (v === null ? 'unknown' : oneDecimal(v));

function dotTitle(a: AccountFigures): string {
  return [
    nameOf(a),
    `${QUADRANT_LABELS[a.quadrant]} quadrant · ${CATEGORY_LABELS[a.category]} · rank ${a.priorityRank}`,
    `Strength ${axis(a.strength.value)} · attractiveness ${axis(a.attractiveness.value)}`,
    `Expected revenue ${money(a.expectedRevenue)} · expected profit ${money(a.expectedProfit)}`,
  ].join('\n');
}

export function matrixDots(accounts: readonly AccountFigures[], options: DotOptions): MatrixDots {
  const minRadius = options.minRadius ?? 2.5;
  const maxRadius = options.maxRadius ?? 16;
  const reference = positiveQuantile(accounts.map((a) => a.expectedRevenue), 0.95);
  const bySize = [...accounts].sort((a, b) => b.expectedRevenue - a.expectedRevenue || a.priorityRank - b.priorityRank);
  const shown = bySize.slice(0, Math.max(0, options.maxDots));
  const dots = shown.map((a): MatrixDot => ({
    companyId: a.companyId,
    x: a.strength.value ?? 1,
    y: a.attractiveness.value ?? 1,
    r: radiusFor(a.expectedRevenue, reference, minRadius, maxRadius),
    category: a.category,
    quadrant: a.quadrant,
    unknownAxis: a.strength.value === null || a.attractiveness.value === null,
    title: dotTitle(a),
  }));
  return {
    dots,
    omitted: accounts.length - shown.length,
    unknownAxis: accounts.filter((a) => a.strength.value === null || a.attractiveness.value === null).length,
    revenueAtMaxRadius: reference,
    minRadius,
    maxRadius,
  };
}
