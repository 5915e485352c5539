// Small builders for HubSpot-shaped records in model tests.
import { DEFAULT_SETTINGS, withProfitTarget, type CompanyInput, type RecordInput } from '../../src/model/index.ts';

export const AS_OF = new Date('2026-11-22T00:00:00Z');

/** The defaults with the profit target the worked figures of §7 use (the default is 'auto', §11). */
export const TARGET_100K = withProfitTarget(DEFAULT_SETTINGS, 100_000);

let seq = 0;
export function wonDeal(amount: number | string, closedate: string, extra: Record<string, string> = {}): RecordInput {
  return { id: `d${++seq}`, properties: { amount: String(amount), closedate, hs_is_closed_won: 'true', hs_is_closed: 'true', ...extra } };
}
export function lostDeal(amount: number, closedate: string): RecordInput {
  return { id: `d${++seq}`, properties: { amount: String(amount), closedate, hs_is_closed_won: 'false', hs_is_closed: 'true' } };
}
export function openDeal(amount: number | string, probability: string | null): RecordInput {
  return { id: `d${++seq}`, properties: { amount: String(amount), hs_deal_stage_probability: probability, hs_is_closed_won: 'false', hs_is_closed: 'false' } };
}
export function company(id: string, properties: Record<string, string | null>, deals: RecordInput[] = []): CompanyInput {
  return { id, properties: { name: `Company ${id}`, ...properties }, deals };
}
