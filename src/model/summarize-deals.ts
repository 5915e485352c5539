// Reads a company's deals once and sums what the model needs (scoring-model.md §4, "Precise rules").
import { monthsBefore } from './dates.ts';
import { Invalid, parseBool, parseDate, parseInRange, parseMoney, quote, type Read } from './parse-values.ts';
import { stageProbability, type PipelineStages } from './pipeline-stages.ts';
import { addLineItems } from './product-lines.ts';
import type { BaseSettings } from './settings.ts';
import type { DealInput, RecordInput } from './types.ts';

export interface DealSummary {
  wonTTM: number;
  wonPrevTTM: number;
  marginTTM: number;
  weightedPipeline: number;
  /** Won at least once (valid close date, not after asOf). */
  everWon: boolean;
  /** A won deal closed within the last lostAfterMonths. */
  wonRecently: boolean;
  /** Closed deals (won or lost) whose close date is within 24 months, for the win rate. */
  closed24: number;
  won24: number;
  /** The earliest close date of a won deal (epoch ms), for the relationship's tenure. */
  firstWonAt: number | null;
  /** Won revenue per product line in the window; null until a won deal in the window has line items read. */
  wonByLine: Record<string, number> | null;
  /** Won revenue in the window of deals without line items (the `unassigned` line, §9). */
  unassignedTTM: number;
}

const WIN_RATE_MONTHS = 24;

interface Windows {
  asOf: number;
  ttmStart: number;
  prevStart: number;
  lostStart: number;
  winRateStart: number;
}

// The windows depend only on asOf and two settings; a portfolio shares them, so keep the last.
let lastWindows: { asOf: number; windowMonths: number; lostAfterMonths: number; windows: Windows } | null = null;

function windowsFor(asOf: Date, settings: BaseSettings): Windows {
  const t = asOf.getTime();
  const last = lastWindows;
  if (last && last.asOf === t && last.windowMonths === settings.windowMonths && last.lostAfterMonths === settings.lostAfterMonths) return last.windows;
  const windows = {
    asOf: t,
    ttmStart: monthsBefore(t, settings.windowMonths),
    prevStart: monthsBefore(t, 2 * settings.windowMonths),
    lostStart: monthsBefore(t, settings.lostAfterMonths),
    winRateStart: monthsBefore(t, WIN_RATE_MONTHS),
  };
  lastWindows = { asOf: t, windowMonths: settings.windowMonths, lostAfterMonths: settings.lostAfterMonths, windows };
  return windows;
}

function dealAmount(props: RecordInput['properties']): Read<number> {
  const home = parseMoney(props.amount_in_home_currency);
  return typeof home === 'number' ? home : parseMoney(props.amount);
}

export function summarizeDeals(deals: readonly DealInput[], settings: BaseSettings, asOf: Date, stages: PipelineStages, notes: string[]): DealSummary {
  const w = windowsFor(asOf, settings);
  const s: DealSummary = {
    wonTTM: 0, wonPrevTTM: 0, marginTTM: 0, weightedPipeline: 0, everWon: false, wonRecently: false, closed24: 0, won24: 0,
    firstWonAt: null, wonByLine: null, unassignedTTM: 0,
  };
  for (const deal of deals) {
    if (deal && typeof deal === 'object' && deal.properties && typeof deal.properties === 'object') addDeal(s, deal, settings, w, stages, notes);
  }
  // A won deal without line items is `unassigned` (§9) once any line items were read at all.
  if (s.wonByLine !== null && s.unassignedTTM > 0) s.wonByLine.unassigned = (s.wonByLine.unassigned ?? 0) + s.unassignedTTM;
  return s;
}

function addDeal(s: DealSummary, deal: DealInput, settings: BaseSettings, w: Windows, stages: PipelineStages, notes: string[]): void {
  const p = deal.properties;
  const isWon = parseBool(p.hs_is_closed_won) === true;
  const isClosed = isWon || parseBool(p.hs_is_closed) === true;
  const amount = dealAmount(p);
  if (amount instanceof Invalid) notes.push(`deal ${deal.id} amount ${amount.reason}`);
  if (!isClosed) {
    // An open deal's close date counts nowhere (not even as a note when it is bad): it is not read.
    if (typeof amount === 'number') addOpenDeal(s, deal, amount, stages, notes);
    return;
  }
  const close = parseDate(p.closedate);
  if (close instanceof Invalid) notes.push(`deal ${deal.id} close date ${close.reason}`);
  if (typeof close !== 'number' || close > w.asOf) return;
  if (close > w.winRateStart) {
    s.closed24 += 1;
    if (isWon) s.won24 += 1;
  }
  if (!isWon) return;
  s.everWon = true;
  if (s.firstWonAt === null || close < s.firstWonAt) s.firstWonAt = close;
  if (close > w.lostStart) s.wonRecently = true;
  if (typeof amount !== 'number') return;
  if (close > w.ttmStart) {
    s.wonTTM += amount;
    s.marginTTM += (amount * dealMargin(deal, settings, notes)) / 100;
    const items = deal.lineItems;
    if (Array.isArray(items) && items.length > 0) s.wonByLine = addLineItems(s.wonByLine ?? {}, deal, items, notes);
    else {
      if (Array.isArray(items)) s.wonByLine ??= {};
      s.unassignedTTM += amount;
    }
  } else if (close > w.prevStart) {
    s.wonPrevTTM += amount;
  }
}

/** Weighted by its probability, else by its stage's (§11); a deal with neither leaves the pipeline. */
function addOpenDeal(s: DealSummary, deal: RecordInput, amount: number, stages: PipelineStages, notes: string[]): void {
  const probability = parseInRange(deal.properties.hs_deal_stage_probability, 0, 1);
  if (typeof probability === 'number') {
    s.weightedPipeline += amount * probability;
    return;
  }
  const staged = stageProbability(deal.properties.dealstage, stages);
  if (staged !== undefined) {
    s.weightedPipeline += amount * staged;
    // A missing probability is normal in an export; only a wrong one is worth naming.
    if (probability) notes.push(`deal ${deal.id} probability ${probability.reason}; used its stage's ${staged}`);
    return;
  }
  const why = probability ? probability.reason : 'is missing';
  const stage = deal.properties.dealstage;
  notes.push(`deal ${deal.id} left out of the pipeline: probability ${why} and ${typeof stage === 'string' && stage.trim() ? `stage ${quote(stage)} is not a known stage` : 'no stage'}`);
}

function dealMargin(deal: RecordInput, settings: BaseSettings, notes: string[]): number {
  const margin = parseInRange(deal.properties.kam_gross_margin_pct, 0, 100);
  if (typeof margin === 'number') return margin;
  if (margin) notes.push(`deal ${deal.id} margin ${margin.reason}, used ${settings.defaultMarginPct} %`);
  return settings.defaultMarginPct;
}
