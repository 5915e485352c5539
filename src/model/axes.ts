// Attractiveness (customer) and relative strength (ours), each a weighted mean of derived and
// manual factors (scoring-model.md §1 "portfolio matrix", §3). A valid manual value replaces a
// derived one: the account team knows the account better than the data does.
import { growthScore, scoreByBreakpoints, SHARE_OF_WALLET_BREAKPOINTS_PCT, SIZE_BREAKPOINTS, weightedMean, winRateScore } from './factors.ts';
import { parseInRange } from './parse-values.ts';
import type { Settings } from './settings.ts';
import type { AxisScore, RecordInput } from './types.ts';

export interface AxisInputs {
  potential: number | null;
  shareOfWallet: number | null;
  wonTTM: number;
  wonPrevTTM: number;
  won24: number;
  closed24: number;
}

function manualFactor(p: RecordInput['properties'], name: string, notes: string[]): number | null {
  const parsed = parseInRange(p[name], 1, 10);
  if (typeof parsed === 'number') return parsed;
  if (parsed) notes.push(`${name} ${parsed.reason}`);
  return null;
}

function axis(scores: Record<string, number | null>, weights: Record<string, number>): AxisScore {
  const mean = weightedMean(scores, weights);
  return { value: mean.value, known: mean.known, total: mean.total, factors: scores };
}

export function attractivenessOf(p: RecordInput['properties'], x: AxisInputs, settings: Settings, notes: string[]): AxisScore {
  const growth = manualFactor(p, 'kam_attr_growth', notes) ?? growthScore(x.wonTTM, x.wonPrevTTM);
  const scores = {
    size: x.potential === null ? null : scoreByBreakpoints(x.potential, SIZE_BREAKPOINTS),
    growth,
    financial_stability: manualFactor(p, 'kam_attr_financial_stability', notes),
    ease_of_access: manualFactor(p, 'kam_attr_ease_of_access', notes),
    relationship: manualFactor(p, 'kam_attr_relationship', notes),
    strategic_fit: manualFactor(p, 'kam_attr_strategic_fit', notes),
  };
  return axis(scores, settings.attractivenessWeights);
}

export function strengthOf(p: RecordInput['properties'], x: AxisInputs, settings: Settings, notes: string[]): AxisScore {
  const scores = {
    share_of_wallet: x.shareOfWallet === null ? null : scoreByBreakpoints(x.shareOfWallet * 100, SHARE_OF_WALLET_BREAKPOINTS_PCT),
    win_rate: winRateScore(x.won24, x.closed24),
    price: manualFactor(p, 'kam_str_price', notes),
    service: manualFactor(p, 'kam_str_service', notes),
    responsiveness: manualFactor(p, 'kam_str_responsiveness', notes),
    relationship: manualFactor(p, 'kam_str_relationship', notes),
    innovation: manualFactor(p, 'kam_str_innovation', notes),
  };
  return axis(scores, settings.strengthWeights);
}
