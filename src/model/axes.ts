// Attractiveness (customer) and relative strength (ours), each a weighted mean of derived and
// manual factors (scoring-model.md §1 "portfolio matrix", §3). A valid manual value replaces a
// derived one: the account team knows the account better than the data does.
//
// The factors are read by name, not by looping over a list: this runs for every company of every
// pass, and named reads of a record HubSpot returned (same keys, same order) are what V8 does fastest.
import { growthScore, scoreByBreakpoints, SHARE_OF_WALLET_BREAKPOINTS_PCT, SIZE_BREAKPOINTS, winRateScore } from './factors.ts';
import { parseInRange } from './parse-values.ts';
import type { BaseSettings } from './settings.ts';
import type { DealSummary } from './summarize-deals.ts';
import type { AttractivenessFactor, AxisScore, RecordInput, StrengthFactor } from './types.ts';

function manualFactor(raw: string | null | undefined, name: string, notes: string[]): number | null {
  const parsed = parseInRange(raw, 1, 10);
  if (typeof parsed === 'number') return parsed;
  if (parsed) notes.push(`${name} ${parsed.reason}`);
  return null;
}

/** Mean of the known factors, weights renormalised over them; null when no weighted factor is known. */
class AxisMean {
  private sum = 0;
  private weightSum = 0;
  known = 0;
  total = 0;

  /** Empty again, for the next axis. */
  reset(): this {
    this.sum = 0;
    this.weightSum = 0;
    this.known = 0;
    this.total = 0;
    return this;
  }

  add(score: number | null, weight: number): void {
    if (!(weight > 0)) return;
    this.total += 1;
    if (score === null) return;
    this.known += 1;
    this.sum += score * weight;
    this.weightSum += weight;
  }

  axis(factors: AxisScore['factors']): AxisScore {
    return { value: this.weightSum > 0 ? this.sum / this.weightSum : null, known: this.known, total: this.total, factors };
  }
}

// One accumulator, reset for each axis (an axis is worked out in one go, never two at once). One
// made per axis was garbage at once, and with no AxisMean alive at a full garbage collection V8
// freed its hidden class, which the optimized axis readers hold only weakly: every full collection
// threw their code away (once a pass, see Invalid.shapeHolder). Kept, it keeps the class.
const MEAN = new AxisMean();

export function attractivenessOf(p: RecordInput['properties'], deals: Pick<DealSummary, 'wonTTM' | 'wonPrevTTM'>, potential: number | null, settings: BaseSettings, notes: string[]): AxisScore {
  const w = settings.attractivenessWeights;
  const factors: Record<AttractivenessFactor, number | null> = {
    size: potential === null ? null : scoreByBreakpoints(potential, SIZE_BREAKPOINTS),
    growth: manualFactor(p.kam_attr_growth, 'kam_attr_growth', notes) ?? growthScore(deals.wonTTM, deals.wonPrevTTM),
    financial_stability: manualFactor(p.kam_attr_financial_stability, 'kam_attr_financial_stability', notes),
    ease_of_access: manualFactor(p.kam_attr_ease_of_access, 'kam_attr_ease_of_access', notes),
    relationship: manualFactor(p.kam_attr_relationship, 'kam_attr_relationship', notes),
    strategic_fit: manualFactor(p.kam_attr_strategic_fit, 'kam_attr_strategic_fit', notes),
  };
  const mean = MEAN.reset();
  mean.add(factors.size, w.size);
  mean.add(factors.growth, w.growth);
  mean.add(factors.financial_stability, w.financial_stability);
  mean.add(factors.ease_of_access, w.ease_of_access);
  mean.add(factors.relationship, w.relationship);
  mean.add(factors.strategic_fit, w.strategic_fit);
  return mean.axis(factors);
}

/** Deals: the won and closed counts of the win rate. `relationship`: the factor the relationship stage gives (§10), if any. */
export function strengthOf(
  p: RecordInput['properties'], deals: Pick<DealSummary, 'won24' | 'closed24'>, shareOfWallet: number | null, relationship: number | null, settings: BaseSettings, notes: string[],
): AxisScore {
  const w = settings.strengthWeights;
  const factors: Record<StrengthFactor, number | null> = {
    share_of_wallet: shareOfWallet === null ? null : scoreByBreakpoints(shareOfWallet * 100, SHARE_OF_WALLET_BREAKPOINTS_PCT),
    win_rate: winRateScore(deals.won24, deals.closed24),
    price: manualFactor(p.kam_str_price, 'kam_str_price', notes),
    service: manualFactor(p.kam_str_service, 'kam_str_service', notes),
    responsiveness: manualFactor(p.kam_str_responsiveness, 'kam_str_responsiveness', notes),
    relationship: manualFactor(p.kam_str_relationship, 'kam_str_relationship', notes) ?? relationship,
    innovation: manualFactor(p.kam_str_innovation, 'kam_str_innovation', notes),
  };
  const mean = MEAN.reset();
  mean.add(factors.share_of_wallet, w.share_of_wallet);
  mean.add(factors.win_rate, w.win_rate);
  mean.add(factors.price, w.price);
  mean.add(factors.service, w.service);
  mean.add(factors.responsiveness, w.responsiveness);
  mean.add(factors.relationship, w.relationship);
  mean.add(factors.innovation, w.innovation);
  return mean.axis(factors);
}
