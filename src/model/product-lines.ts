// Share of wallet by product line, and whitespace (scoring-model.md §9, seed 000): what each line
// of a won deal earned, the mix of lines the company's peers buy, and where the company spends
// with someone else.
import { monthsBefore } from './dates.ts';
import { roundTo } from './format.ts';
import { Invalid, parseBool, parseDate, parseMoney, parseNumber } from './parse-values.ts';
import type { BaseSettings } from './settings.ts';
import type { DealInput, LineItemInput, Whitespace, WhitespaceLine } from './types.ts';

/** Won revenue of deals without line items; never a line of the mix or of whitespace. */
export const UNASSIGNED_LINE = 'unassigned';

/** Fewer customers of an industry with won revenue on some line than this: the mix of all customers is used. */
export const MIN_PEERS_FOR_INDUSTRY_MIX = 10;

function text(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  return t === '' ? null : t;
}

/** The product's kam_product_line, else the product's name, else the line item's name. */
export function productLineOf(item: LineItemInput): string {
  const product = item.product?.properties;
  return text(product?.kam_product_line) ?? text(product?.name) ?? text(item.properties.name) ?? UNASSIGNED_LINE;
}

/**
 * The deals whose line items the model uses: won, closed within the model window. A reader asks
 * HubSpot for these only (a portal's older and open deals would cost calls for nothing).
 */
export function dealsNeedingLineItems(deals: readonly DealInput[], settings: Pick<BaseSettings, 'windowMonths'>, asOf: Date): string[] {
  const end = asOf.getTime();
  const start = monthsBefore(end, settings.windowMonths);
  return deals.flatMap((d) => {
    const close = parseDate(d.properties.closedate);
    return parseBool(d.properties.hs_is_closed_won) === true && typeof close === 'number' && close > start && close <= end ? [d.id] : [];
  });
}

/** amount, else quantity × price; null when neither is usable. */
function itemAmount(item: LineItemInput, notes: string[], dealId: string): number | null {
  const amount = parseMoney(item.properties.amount);
  if (typeof amount === 'number') return amount;
  const quantity = parseNumber(item.properties.quantity);
  const price = parseMoney(item.properties.price);
  if (typeof quantity === 'number' && quantity >= 0 && typeof price === 'number') return quantity * price;
  if (amount instanceof Invalid || quantity !== null || price !== null) notes.push(`deal ${dealId} line item ${item.id} has no usable amount; left out of the product lines`);
  return null;
}

/**
 * Adds a won deal's line items to `byLine`, in the home currency: each amount is converted by the
 * deal's own amount_in_home_currency ÷ amount.
 */
export function addLineItems(byLine: Record<string, number>, deal: DealInput, items: readonly LineItemInput[], notes: string[]): Record<string, number> {
  const home = parseMoney(deal.properties.amount_in_home_currency);
  const amount = parseMoney(deal.properties.amount);
  const rate = typeof home === 'number' && typeof amount === 'number' && amount > 0 ? home / amount : 1;
  for (const item of items) {
    if (!item || typeof item !== 'object' || !item.properties || typeof item.properties !== 'object') continue;
    const value = itemAmount(item, notes, deal.id);
    if (value === null) continue;
    const line = productLineOf(item);
    byLine[line] = (byLine[line] ?? 0) + value * rate;
  }
  return byLine;
}

/** Each line's share (0–1) of the won revenue of a set of customers. */
export type LineMix = ReadonlyMap<string, number>;

/** The peer mix by industry and over all customers: a portfolio figure, worked out in the full pass. */
export interface PeerMix {
  byIndustry: ReadonlyMap<string, LineMix>;
  all: LineMix;
}

export interface MixCustomer {
  industry: string | null;
  wonByLine: Record<string, number> | null;
}

function toShares(totals: Map<string, number>): LineMix {
  let sum = 0;
  for (const v of totals.values()) sum += v;
  const mix = new Map<string, number>();
  if (sum > 0) for (const [line, v] of totals) mix.set(line, v / sum);
  return mix;
}

/**
 * Each line's share of won revenue over the customers of each industry; an industry with fewer
 * than 10 customers with won revenue on some line uses the mix of all customers. Added to one
 * customer at a time, so a full pass builds it while it reads.
 */
export class PeerMixBuilder {
  private readonly all = new Map<string, number>();
  private readonly byIndustry = new Map<string, { count: number; totals: Map<string, number> }>();

  add(c: MixCustomer): void {
    if (!c.wonByLine) return;
    let any = false;
    for (const [line, v] of Object.entries(c.wonByLine)) {
      if (line === UNASSIGNED_LINE || !(v > 0)) continue;
      any = true;
      this.all.set(line, (this.all.get(line) ?? 0) + v);
      if (c.industry) {
        const entry = this.byIndustry.get(c.industry) ?? this.byIndustry.set(c.industry, { count: 0, totals: new Map() }).get(c.industry)!;
        entry.totals.set(line, (entry.totals.get(line) ?? 0) + v);
      }
    }
    if (any && c.industry) this.byIndustry.get(c.industry)!.count += 1;
  }

  build(): PeerMix {
    const mixes = new Map<string, LineMix>();
    for (const [industry, e] of this.byIndustry) if (e.count >= MIN_PEERS_FOR_INDUSTRY_MIX) mixes.set(industry, toShares(e.totals));
    return { byIndustry: mixes, all: toShares(this.all) };
  }
}

export function peerMix(customers: Iterable<MixCustomer>): PeerMix {
  const builder = new PeerMixBuilder();
  for (const c of customers) builder.add(c);
  return builder.build();
}

export function mixFor(mix: PeerMix, industry: string | null): LineMix {
  return (industry !== null ? mix.byIndustry.get(industry) : undefined) ?? mix.all;
}

/**
 * Expected spend per line = potential × mix(line); whitespace = max(0, expected − won on it).
 * Null when the potential is unknown or no customer has won revenue on any line.
 */
export function whitespaceOf(potential: number | null, wonByLine: Record<string, number> | null, mix: LineMix): Whitespace | null {
  if (potential === null || mix.size === 0) return null;
  const lines: WhitespaceLine[] = [];
  let value = 0;
  for (const [line, share] of mix) {
    const expectedSpend = potential * share;
    const won = wonByLine?.[line] ?? 0;
    const gap = Math.max(0, expectedSpend - won);
    value += gap;
    lines.push({ line, won, expectedSpend, gap, share: expectedSpend > 0 ? won / expectedSpend : null });
  }
  lines.sort((a, b) => b.gap - a.gap || (a.line < b.line ? -1 : 1));
  return { value, lines };
}

/** Lines with won revenue in the window, largest first (unassigned left out). */
export function linesBought(wonByLine: Record<string, number> | null): string[] {
  if (!wonByLine) return [];
  return Object.entries(wonByLine)
    .filter(([line, v]) => line !== UNASSIGNED_LINE && v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([line]) => line);
}

/** "Licences: 120000; Services: 40000": the three largest gaps, as HubSpot shows a text property. */
export function topGapsText(whitespace: Whitespace | null, format: (n: number) => string): string {
  if (!whitespace) return '';
  return whitespace.lines
    .filter((l) => roundTo(l.gap, 0) > 0)
    .slice(0, 3)
    .map((l) => `${l.line}: ${format(l.gap)}`)
    .join('; ');
}
