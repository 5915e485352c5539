// A whole portfolio scored at once: the offline scorer, the portfolio page and the what-if.
// Measure every company, form the groups (§8), work out the portfolio figures ('auto' profit
// target §11, peer mix §9, ranks §5), then decide and explain every company.
import { groupScore, resolveGroups, type Membership } from './account-groups.ts';
import { finalizeAccount, type AccountExtras } from './finalize-account.ts';
import { buildPortfolio, compareIds, portfolioEntry } from './portfolio.ts';
import { DEFAULT_PIPELINE_STAGES, type PipelineStages } from './pipeline-stages.ts';
import { linesBought, mixFor, peerMix, whitespaceOf, type PeerMix } from './product-lines.ts';
import { LargestValues, autoProfitTarget, type ProfitTarget } from './profit-target.ts';
import { applyProfitTarget, measureCompany } from './score-company.ts';
import { withProfitTarget, type BaseSettings, type ModelSettings, type Settings } from './settings.ts';
import type { AccountFigures, CompanyInput, CompanyScore, GroupFigures, RecordInput, Thresholds } from './types.ts';

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

interface Group {
  top: string;
  members: string[];
  score: CompanyScore;
}

const isCustomer = (s: CompanyScore): boolean => s.everWon && !s.lost;

/** A member of a `central` group: its own figures, the group's decision. */
function asCentralMember(own: CompanyScore, group: CompanyScore): CompanyScore {
  return {
    ...own,
    relationship: group.relationship,
    costToServe: group.costToServe,
    expectedProfitBy: group.expectedProfitBy,
    recommendedCoverage: group.recommendedCoverage,
    coverage: group.coverage,
    expectedProfit: group.expectedProfit,
    largeAccount: group.largeAccount,
    currentContribution: group.currentContribution,
    potentialContribution: group.potentialContribution,
    attractiveness: group.attractiveness,
    strength: group.strength,
    lifetimeValue: group.lifetimeValue,
    priorityScore: group.priorityScore,
    strategic: group.strategic,
    keyEligible: group.keyEligible,
  };
}

function groupFigures(group: Group, own: CompanyScore, membership: Membership): GroupFigures {
  const g = group.score;
  return {
    groupId: group.top,
    groupName: g.name,
    size: group.members.length,
    purchasing: g.purchasing,
    depth: membership.depth,
    wonTTM: g.wonTTM,
    weightedPipeline: g.weightedPipeline,
    wallet: g.wallet,
    walletSource: g.walletSource,
    shareOfWallet: g.shareOfWallet,
    expectedProfit: g.expectedProfit,
    ownShareOfGroup: g.wonTTM > 0 ? own.wonTTM / g.wonTTM : null,
  };
}

function contactsOf(inputs: readonly CompanyInput[]): RecordInput[] | null {
  if (inputs.every((c) => !Array.isArray(c.contacts))) return null;
  return inputs.flatMap((c) => (Array.isArray(c.contacts) ? c.contacts : []));
}

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
  const memberships = anyParent ? resolveGroups([...scores.keys()], (id) => scores.get(id)!.parentId) : null;
  const groups = new Map<string, Group>();
  if (memberships) {
    const membersOf = new Map<string, string[]>();
    for (const [id, m] of memberships) (membersOf.get(m.top) ?? membersOf.set(m.top, []).get(m.top)!).push(id);
    for (const [top, members] of membersOf) {
      if (members.length < 2) continue;
      members.sort((a, b) => (a === top ? -1 : b === top ? 1 : compareIds(a, b)));
      const memberScores = members.map((id) => scores.get(id)!);
      const score = groupScore(scores.get(top)!, inputById.get(top)!, memberScores, contactsOf(members.map((id) => inputById.get(id)!)), base, asOf);
      score.purchasing = scores.get(top)!.purchasing;
      groups.set(top, { top, members, score });
    }
  }
  const groupOf = (id: string): Group | undefined => (memberships ? groups.get(memberships.get(id)!.top) : undefined);
  const central = (g: Group | undefined): g is Group => g !== undefined && g.score.purchasing === 'central';

  // The ranked units: a central group once, every other company alone.
  const units: CompanyScore[] = [];
  for (const s of scores.values()) {
    const g = groupOf(s.companyId);
    if (!central(g)) units.push(s);
    else if (g.top === s.companyId) units.push(g.score);
  }

  const profitTarget = resolveTarget(settings, units);
  const model = withProfitTarget(base, profitTarget.value);
  for (const s of scores.values()) applyProfitTarget(s, model);
  for (const g of groups.values()) applyProfitTarget(g.score, model);

  const wasKeyUnit = (s: CompanyScore): boolean => {
    const g = groupOf(s.companyId);
    return central(g) && g.top === s.companyId ? g.members.some((id) => options.wasKey?.(id) ?? false) : (options.wasKey?.(s.companyId) ?? false);
  };
  const portfolio = buildPortfolio(units.map((u) => portfolioEntry(u, wasKeyUnit(u))), model);
  const mix = peerMixOf(scores.values());

  const accounts: AccountFigures[] = [];
  for (const own of scores.values()) {
    const g = groupOf(own.companyId);
    const membership = memberships?.get(own.companyId);
    if (membership && membership.notes.length) own.notes = [...own.notes, ...membership.notes];
    const decided = central(g) ? asCentralMember(own, g.score) : own;
    const extras: AccountExtras = {
      group: g && membership ? groupFigures(g, own, membership) : null,
      whitespace: mix ? whitespaceOf(own.potential, own.wonByLine, mixFor(mix, own.industry)) : null,
      productLinesBought: linesBought(own.wonByLine),
    };
    accounts.push(finalizeAccount(decided, portfolio.contextFor(central(g) ? g.top : own.companyId), model, extras));
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
    groupCount: groups.size,
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
