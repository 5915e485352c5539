// A deterministic portfolio of companies with their deals, in HubSpot's API shape (every value a
// string or null). It yields lazily so a 100,000-company portfolio never sits in memory, and it
// uses its own seeded PRNG so the same options always give the same records on every Node.
import type { CompanyInput, RecordInput } from '../model/types.ts';
import { accountDepth } from './generate-account-depth.ts';
import { chance, mulberry32, pick, type Random } from './seeded-random.ts';

export { mulberry32 };

export interface GeneratePortfolioOptions {
  count: number;
  asOf: Date;
  seed?: number;
  /** Mean number of deals per company (geometric spread around it). */
  dealsPerCompany?: number;
  /** Share of companies that carry one malformed value (text in a number, 250 %, a bad date…). */
  malformedRate?: number;
  /** First company id; deal ids are derived from it. */
  firstId?: number;
  /**
   * Account depth (scoring-model.md §8–§10): parent companies (groups up to three levels), contacts
   * with buying roles, and line items with products on won deals. Drawn from a stream of its own,
   * so the companies and deals are the same with it or without it (default false).
   */
  accountDepth?: boolean;
}

type Kind = 'customer' | 'lost' | 'target';


const DAY_MS = 86_400_000;
const INDUSTRIES = [
  'COMPUTER_SOFTWARE', 'FINANCIAL_SERVICES', 'RETAIL', 'HOSPITAL_HEALTH_CARE', 'AUTOMOTIVE',
  'CONSTRUCTION', 'GOVERNMENT_ADMINISTRATION', 'EDUCATION_MANAGEMENT', 'TELECOMMUNICATIONS', 'FOOD_BEVERAGES',
];
const NAME_A = ['North', 'Blue', 'Iron', 'Silver', 'Green', 'Bright', 'Alpen', 'Nordic', 'Rhein', 'Atlas', 'Delta', 'Summit', 'Harbor', 'Falcon', 'Cedar', 'Orbit'];
const NAME_B = ['wind', 'stone', 'field', 'bridge', 'gate', 'point', 'works', 'line', 'peak', 'forge', 'wave', 'vale'];
const NAME_C = ['Logistics', 'Systems', 'Retail', 'Health', 'Motors', 'Bau', 'Energy', 'Foods', 'Telecom', 'Finance', 'Labs', 'Industries'];
const LEGAL = ['GmbH', 'AG', 'Inc.', 'Ltd', 'SE', 'LLC', 'S.A.', 'BV'];
const OWNERS = ['71234501', '71234502', '71234503', '71234504', '71234505', '71234506', '71234507', '71234508'];
const PROBABILITIES = ['0.1', '0.2', '0.4', '0.6', '0.8', '0.9'];
const ATTR = ['growth', 'financial_stability', 'ease_of_access', 'relationship', 'strategic_fit'];
const STR = ['price', 'service', 'responsiveness', 'relationship', 'innovation'];
/** Each bad value is one a real portal holds sooner or later. */
const MALFORMED: [target: 'company' | 'deal', property: string, value: string][] = [
  ['company', 'annualrevenue', 'n/a'],
  ['company', 'kam_category_spend', '-250000'],
  ['company', 'kam_addressable_pct', '250'],
  ['company', 'kam_attr_growth', '11'],
  ['company', 'kam_target_share_pct', 'about half'],
  ['deal', 'amount', '1e30'],
  ['deal', 'amount', '-12000'],
  ['deal', 'hs_deal_stage_probability', '2.5'],
  ['deal', 'closedate', 'next quarter'],
  ['deal', 'kam_gross_margin_pct', 'NaN'],
];


/** Standard normal by Box–Muller; heavy tails come from exponentiating it. */
function normal(rnd: Random): number {
  const u = Math.max(rnd(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Geometric count with the given mean (most companies have a few deals, some many). */
function dealCount(rnd: Random, mean: number): number {
  if (mean <= 0) return 0;
  const p = 1 / (mean + 1);
  return Math.floor(Math.log(Math.max(rnd(), 1e-12)) / Math.log(1 - p));
}

const isoDay = (ms: number): string => new Date(Math.floor(ms / DAY_MS) * DAY_MS + 16 * 3_600_000).toISOString().replace('.000Z', 'Z');
const round = (value: number, step: number): string => String(Math.max(step, Math.round(value / step) * step));

function companyName(rnd: Random): string {
  return `${pick(rnd, NAME_A)}${pick(rnd, NAME_B)} ${pick(rnd, NAME_C)} ${pick(rnd, LEGAL)}`;
}

const TARGET_SHARE = 0.28;
const NO_DEAL_TARGET = 0.4;

function kindOf(rnd: Random): Kind {
  const r = rnd();
  return r < 0.6 ? 'customer' : r < 1 - TARGET_SHARE ? 'lost' : 'target';
}

function companyProperties(rnd: Random, id: string, kind: Kind): { properties: Record<string, string | null>; revenue: number } {
  const revenue = Math.exp(Math.log(20_000_000) + 1.6 * normal(rnd));
  const props: Record<string, string | null> = {
    hs_object_id: id,
    name: companyName(rnd),
    annualrevenue: chance(rnd, 0.8) ? round(revenue, 1000) : null,
    industry: chance(rnd, 0.9) ? pick(rnd, INDUSTRIES) : null,
    hubspot_owner_id: chance(rnd, 0.9) ? pick(rnd, OWNERS) : null,
  };
  if (chance(rnd, 0.35)) props.kam_category_spend = round(revenue * (0.01 + rnd() * 0.07), 1000);
  if (chance(rnd, 0.3)) props.kam_addressable_pct = String(20 + Math.floor(rnd() * 81));
  if (chance(rnd, 0.1)) props.kam_target_share_pct = String(5 + Math.floor(rnd() * 46));
  if (kind !== 'target' && chance(rnd, 0.05)) props.kam_strategic = 'true';
  if (chance(rnd, 0.08)) props.kam_coverage = pick(rnd, ['dedicated', 'shared', 'channel']);
  if (chance(rnd, 0.3)) {
    for (const f of ATTR) if (chance(rnd, 0.6)) props[`kam_attr_${f}`] = String(1 + Math.floor(rnd() * 10));
    for (const f of STR) if (chance(rnd, 0.6)) props[`kam_str_${f}`] = String(1 + Math.floor(rnd() * 10));
  }
  return { properties: props, revenue };
}

type DealStatus = 'won' | 'lost' | 'open';

/** When a deal closes and how it ended, by the kind of company it belongs to. */
function dealTiming(rnd: Random, kind: Kind, asOfMs: number): { closeMs: number; status: DealStatus } {
  if (kind === 'lost') {
    return { closeMs: asOfMs - (19 + rnd() * 30) * 30 * DAY_MS, status: chance(rnd, 0.7) ? 'won' : 'lost' };
  }
  const r = rnd();
  const status: DealStatus = kind === 'target' ? (r < 0.5 ? 'open' : 'lost') : r < 0.55 ? 'won' : r < 0.75 ? 'lost' : 'open';
  const closeMs = status === 'open' ? asOfMs + (1 + rnd() * 180) * DAY_MS : asOfMs - rnd() * 30 * 30 * DAY_MS;
  return { closeMs, status };
}

function deal(rnd: Random, id: string, kind: Kind, revenue: number, asOfMs: number): RecordInput {
  const { closeMs, status } = dealTiming(rnd, kind, asOfMs);
  const amount = Math.max(1000, Math.exp(Math.log(revenue * 0.004) + 0.8 * normal(rnd)));
  const props: Record<string, string | null> = {
    hs_object_id: id,
    amount: round(amount, 100),
    closedate: isoDay(closeMs),
    pipeline: 'default',
    hs_is_closed_won: status === 'won' ? 'true' : 'false',
    hs_is_closed: status === 'open' ? 'false' : 'true',
    hs_deal_stage_probability: status === 'won' ? '1' : status === 'lost' ? '0' : pick(rnd, PROBABILITIES),
  };
  // A foreign-currency deal: the home-currency amount is what the model should use.
  if (chance(rnd, 0.15)) props.amount_in_home_currency = round(amount * (0.85 + rnd() * 0.3), 100);
  if (chance(rnd, 0.4)) props.kam_gross_margin_pct = String(10 + Math.floor(rnd() * 51));
  return { id, properties: props };
}

function corrupt(rnd: Random, company: CompanyInput): void {
  const [target, property, value] = pick(rnd, MALFORMED);
  const deals = company.deals ?? [];
  if (target === 'deal' && deals.length > 0) pick(rnd, deals).properties[property] = value;
  else if (target === 'company') company.properties[property] = value;
  else company.properties.annualrevenue = 'n/a';
}

/** Yields `count` companies one at a time; the same options always yield the same records. */
export function* generatePortfolio(options: GeneratePortfolioOptions): Generator<CompanyInput> {
  const rnd = mulberry32(options.seed ?? 1);
  const mean = options.dealsPerCompany ?? 5;
  const malformedRate = options.malformedRate ?? 0.02;
  const firstId = options.firstId ?? 1001;
  // Some targets have no deal at all; the others carry more so the overall mean stays `mean`.
  const meanWithDeals = mean / (1 - TARGET_SHARE * NO_DEAL_TARGET);
  const asOfMs = options.asOf.getTime();
  let nextDealId = firstId * 10;
  const depth = options.accountDepth ? accountDepth(options.seed ?? 1, firstId) : undefined;
  for (let i = 0; i < options.count; i++) {
    const id = String(firstId + i);
    const kind = kindOf(rnd);
    const { properties, revenue } = companyProperties(rnd, id, kind);
    const n = mean <= 0 || (kind === 'target' && chance(rnd, NO_DEAL_TARGET)) ? 0 : 1 + dealCount(rnd, meanWithDeals - 1);
    const deals: RecordInput[] = [];
    for (let d = 0; d < n; d++) deals.push(deal(rnd, String(nextDealId++), kind, revenue, asOfMs));
    // A customer has at least one recent win, or it would be "lost" in disguise.
    if (kind === 'customer' && !deals.some((d) => d.properties.hs_is_closed_won === 'true')) {
      const first = deals[0];
      if (first) Object.assign(first.properties, { hs_is_closed_won: 'true', hs_is_closed: 'true', hs_deal_stage_probability: '1', closedate: isoDay(asOfMs - rnd() * 300 * DAY_MS) });
    }
    const company: CompanyInput = { id, properties, deals };
    if (chance(rnd, malformedRate)) corrupt(rnd, company);
    depth?.(company);
    yield company;
  }
}
