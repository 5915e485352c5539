// Reads a company's deals once and sums what the model needs (scoring-model.md §4, "Precise rules").
import { monthsBefore } from './dates.ts';
import { Invalid, parseBool, parseDate, parseInRange, parseMoney, type Read } from './parse-values.ts';
import type { Settings } from './settings.ts';
import type { RecordInput } from './types.ts';

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

function windowsFor(asOf: Date, settings: Settings): Windows {
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

export function summarizeDeals(deals: readonly RecordInput[], settings: Settings, asOf: Date, notes: string[]): DealSummary {
  const w = windowsFor(asOf, settings);
  const s: DealSummary = { wonTTM: 0, wonPrevTTM: 0, marginTTM: 0, weightedPipeline: 0, everWon: false, wonRecently: false, closed24: 0, won24: 0 };
  for (const deal of deals) {
    if (deal && typeof deal === 'object' && deal.properties && typeof deal.properties === 'object') addDeal(s, deal, settings, w, notes);
  }
  return s;
}

function addDeal(s: DealSummary, deal: RecordInput, settings: Settings, w: Windows, notes: string[]): void {
  const p = deal.properties;
  const isWon = parseBool(p.hs_is_closed_won) === true;
  const isClosed = isWon || parseBool(p.hs_is_closed) === true;
  const amount = dealAmount(p);
  if (amount instanceof Invalid) notes.push(`deal ${deal.id} amount ${amount.reason}`);
  const close = parseDate(p.closedate);
  if (close instanceof Invalid && isClosed) notes.push(`deal ${deal.id} close date ${close.reason}`);

  if (!isClosed) {
    if (typeof amount === 'number') addOpenDeal(s, deal, amount, notes);
    return;
  }
  if (typeof close !== 'number' || close > w.asOf) return;
  if (close > w.winRateStart) {
    s.closed24 += 1;
    if (isWon) s.won24 += 1;
  }
  if (!isWon) return;
  s.everWon = true;
  if (close > w.lostStart) s.wonRecently = true;
  if (typeof amount !== 'number') return;
  if (close > w.ttmStart) {
    s.wonTTM += amount;
    s.marginTTM += (amount * dealMargin(deal, settings, notes)) / 100;
  } else if (close > w.prevStart) {
    s.wonPrevTTM += amount;
  }
}

function addOpenDeal(s: DealSummary, deal: RecordInput, amount: number, notes: string[]): void {
  const probability = parseInRange(deal.properties.hs_deal_stage_probability, 0, 1);
  if (typeof probability === 'number') {
    s.weightedPipeline += amount * probability;
    return;
  }
  notes.push(`deal ${deal.id} left out of the pipeline: probability ${probability ? probability.reason : 'is missing'}`);
}

function dealMargin(deal: RecordInput, settings: Settings, notes: string[]): number {
  const margin = parseInRange(deal.properties.kam_gross_margin_pct, 0, 100);
  if (typeof margin === 'number') return margin;
  if (margin) notes.push(`deal ${deal.id} margin ${margin.reason}, used ${settings.defaultMarginPct} %`);
  return settings.defaultMarginPct;
}
