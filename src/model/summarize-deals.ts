// Reads a company's deals once and sums what the model needs (scoring-model.md §4, "Precise rules").
import { monthsBefore } from './dates.ts';
import { parseBool, parseDate, parseInRange, parseMoney, type Parsed } from './parse-values.ts';
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
  notes: string[];
}

const WIN_RATE_MONTHS = 24;

function dealAmount(props: RecordInput['properties']): Parsed<number> {
  const home = parseMoney(props.amount_in_home_currency);
  return home.ok ? home : parseMoney(props.amount);
}

interface Windows {
  asOf: number;
  ttmStart: number;
  prevStart: number;
  lostStart: number;
  winRateStart: number;
}

function windowsFor(asOf: Date, settings: Settings): Windows {
  const t = asOf.getTime();
  return {
    asOf: t,
    ttmStart: monthsBefore(t, settings.windowMonths),
    prevStart: monthsBefore(t, 2 * settings.windowMonths),
    lostStart: monthsBefore(t, settings.lostAfterMonths),
    winRateStart: monthsBefore(t, WIN_RATE_MONTHS),
  };
}

export function summarizeDeals(deals: readonly RecordInput[], settings: Settings, asOf: Date): DealSummary {
  const w = windowsFor(asOf, settings);
  const s: DealSummary = { wonTTM: 0, wonPrevTTM: 0, marginTTM: 0, weightedPipeline: 0, everWon: false, wonRecently: false, closed24: 0, won24: 0, notes: [] };
  for (const deal of deals) {
    if (deal && typeof deal === 'object' && deal.properties && typeof deal.properties === 'object') addDeal(s, deal, settings, w);
  }
  return s;
}

function addDeal(s: DealSummary, deal: RecordInput, settings: Settings, w: Windows): void {
  const p = deal.properties;
  const won = parseBool(p.hs_is_closed_won);
  const isWon = won.ok && won.value;
  const closedFlag = parseBool(p.hs_is_closed);
  const isClosed = isWon || (closedFlag.ok && closedFlag.value);
  const amount = dealAmount(p);
  if (!amount.ok && amount.reason) s.notes.push(`deal ${deal.id} amount ${amount.reason}`);
  const close = parseDate(p.closedate);
  if (!close.ok && close.reason && isClosed) s.notes.push(`deal ${deal.id} close date ${close.reason}`);

  if (!isClosed) {
    addOpenDeal(s, deal, amount);
    return;
  }
  if (!close.ok || close.value > w.asOf) return;
  const closedAt = close.value;
  if (closedAt > w.winRateStart) {
    s.closed24 += 1;
    if (isWon) s.won24 += 1;
  }
  if (!isWon) return;
  s.everWon = true;
  if (closedAt > w.lostStart) s.wonRecently = true;
  if (!amount.ok) return;
  if (closedAt > w.ttmStart) {
    s.wonTTM += amount.value;
    s.marginTTM += (amount.value * dealMargin(s, deal, settings)) / 100;
  } else if (closedAt > w.prevStart) {
    s.wonPrevTTM += amount.value;
  }
}

function addOpenDeal(s: DealSummary, deal: RecordInput, amount: Parsed<number>): void {
  if (!amount.ok) return;
  const probability = parseInRange(deal.properties.hs_deal_stage_probability, 0, 1);
  if (!probability.ok) {
    s.notes.push(`deal ${deal.id} left out of the pipeline: probability ${probability.reason ?? 'is missing'}`);
    return;
  }
  s.weightedPipeline += amount.value * probability.value;
}

function dealMargin(s: DealSummary, deal: RecordInput, settings: Settings): number {
  const margin = parseInRange(deal.properties.kam_gross_margin_pct, 0, 100);
  if (margin.ok) return margin.value;
  if (margin.reason) s.notes.push(`deal ${deal.id} margin ${margin.reason}, used ${settings.defaultMarginPct} %`);
  return settings.defaultMarginPct;
}
