// A whole portfolio scored at once: the offline scorer, the portfolio page and the what-if.
// Measure every company, form the groups (§8), work out the portfolio figures ('auto' profit
// target §11, peer mix §9, ranks §5), then decide and explain every company.
import { finalizeAccount } from './finalize-account.ts';
import { accountOf, formGroups, rankedUnits, unitWasKey, type AccountGroup } from './group-accounts.ts';
import { buildPortfolio, compareIds, portfolioEntry } from './portfolio.ts';
import { DEFAULT_PIPELINE_STAGES, type PipelineStages } from './pipeline-stages.ts';
import { peerMix, type PeerMix } from './product-lines.ts';
import { LargestValues, autoProfitTarget, type ProfitTarget } from './profit-target.ts';
import { applyProfitTarget, measureCompany } from './score-company.ts';
import { withProfitTarget, type BaseSettings, type ModelSettings, type Settings } from './settings.ts';
import type { AccountFigures, CompanyInput, CompanyScore, Thresholds } from './types.ts';

export interface PortfolioResult {
  /** Ordered by priority rank (the members of a central group together, the top first). */
  accounts: AccountFigures[];
  thresholds: Thresholds;
  keyAccountCapacity: number;
  /** Key places taken: a central group takes one, whatever its size. */
  keyCount: number;
  eligibleCount: number;
  waitingCount: number;
  /** The profit target used, and whether it was worked out ('auto') or set. */
  profitTarget: ProfitTarget;
  /** Ranked units: companies alone, members of `branches` groups, and `central` groups counted once. */
  rankedCount: number;
  /** Groups of more than one company. */
  groupCount: number;
}

export interface ScorePortfolioOptions {
  /** Whether a company was key in the last written score (drives the `remove` action). */
  wasKey?: (companyId: string) => boolean;
  /** Problems found before scoring (a file reader's), named in the company's explanation first. */
  notesBefore?: (companyId: string) => readonly string[] | undefined;
  /** Stage probabilities for deals without a valid probability (default: HubSpot's default sales pipeline). */
  stages?: PipelineStages;
}

const isCustomer = (s: CompanyScore): boolean => s.everWon && !s.lost;

export function scorePortfolio(companies: Iterable<CompanyInput>, settings: Settings | ModelSettings, asOf: Date, options: ScorePortfolioOptions = {}): PortfolioResult {
  const steps = scoringSteps(companies, settings, asOf, options, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * scorePortfolio, pausing (yield) after every `slice` companies of its per-company loops, so a
 * server can score a large portal between turns of its event loop with the very same code.
 */
export function* scoringSteps(
  companies: Iterable<CompanyInput>, settings: Settings | ModelSettings, asOf: Date, options: ScorePortfolioOptions, slice: number,
): Generator<void, PortfolioResult> {
  const base: BaseSettings = settings;
  const stages = options.stages ?? DEFAULT_PIPELINE_STAGES;
  const inputs = Array.isArray(companies) ? (companies as CompanyInput[]) : [...companies];
  const scores = new Map<string, CompanyScore>();
  const inputById = new Map<string, CompanyInput>();
  let anyParent = false;
  for (const company of inputs) {
    const score = measureCompany(company, base, asOf, stages);
    const before = options.notesBefore?.(score.companyId);
    if (before?.length) score.notes = [...before, ...score.notes];
    if (score.parentId !== null) anyParent = true;
    scores.set(score.companyId, score);
    inputById.set(score.companyId, company);
    if (scores.size % slice === 0) yield;
  }

  // Groups (§8): only when some company names a parent, so a portfolio of companies alone pays nothing.
  const formed = anyParent ? formGroups(scores, (id) => inputById.get(id)!, base, asOf) : { memberships: null, groups: new Map<string, AccountGroup>() };
  // The ranked units: a central group once, every other company alone.
  const units = [...rankedUnits(scores.values(), formed)];

  const profitTarget = resolveTarget(settings, units);
  const model = withProfitTarget(base, profitTarget.value);
  for (const s of scores.values()) applyProfitTarget(s, model);
  for (const g of formed.groups.values()) applyProfitTarget(g.score, model);

  const portfolio = buildPortfolio(units.map((u) => portfolioEntry(u, unitWasKey(u, formed, (id) => options.wasKey?.(id) ?? false))), model);
  const mix = peerMixOf(scores.values());

  const accounts: AccountFigures[] = [];
  for (const own of scores.values()) {
    const { decided, unitId, extras } = accountOf(own, formed, mix);
    accounts.push(finalizeAccount(decided, portfolio.contextFor(unitId), model, extras));
    if (accounts.length % slice === 0) yield;
  }
  accounts.sort((a, b) => a.priorityRank - b.priorityRank || topFirst(a, b) || compareIds(a.companyId, b.companyId));

  let keyCount = 0;
  let eligibleCount = 0;
  for (const u of units) {
    if (!u.keyEligible) continue;
    eligibleCount += 1;
    const place = portfolio.contextFor(u.companyId).keyPlace;
    if (place !== null && place <= model.keyAccountCapacity) keyCount += 1;
  }
  return {
    accounts,
    thresholds: portfolio.thresholds,
    keyAccountCapacity: model.keyAccountCapacity,
    keyCount,
    eligibleCount,
    waitingCount: eligibleCount - keyCount,
    profitTarget,
    rankedCount: units.length,
    groupCount: formed.groups.size,
  };
}

function topFirst(a: AccountFigures, b: AccountFigures): number {
  const aTop = a.group?.groupId === a.companyId ? 0 : 1;
  const bTop = b.group?.groupId === b.companyId ? 0 : 1;
  return aTop - bTop;
}

/** 'auto' over the existing customers, groups counted once (§11); a set number as it is. */
export function resolveTarget(settings: Settings | ModelSettings, units: Iterable<CompanyScore>): ProfitTarget {
  if (settings.profitTarget !== 'auto') return { value: settings.profitTarget, source: 'set', customers: 0 };
  const largest = new LargestValues(settings.keyAccountCapacity);
  for (const u of units) if (isCustomer(u)) largest.add(u.expectedProfitBy.dedicated);
  return autoProfitTarget(largest);
}

/** The peer mix, or null when no won deal of the portfolio had its line items read. */
function peerMixOf(scores: Iterable<CompanyScore>): PeerMix | null {
  const customers = [];
  for (const s of scores) if (s.wonByLine !== null) customers.push({ industry: s.industry, wonByLine: s.wonByLine });
  return customers.length ? peerMix(customers) : null;
}
