// One company's figures that need no other company (scoring-model.md §4). Pure: the clock is the
// asOf parameter; bad values are dropped and named in `notes`, never thrown.
//
// Two steps: measureCompany works out everything that does not depend on the profit target
// (expected profit per coverage model included), applyProfitTarget the rest. 'auto' (§11) is the
// capacity-th largest expected profit with a dedicated team, so a portfolio is measured first,
// the target worked out, and then every company decided.
import { attractivenessOf, strengthOf } from './axes.ts';
import { costsOf, expectedProfitByCoverage, recommendCoverage } from './coverage.ts';
import { oncePerSettings } from './once-per-settings.ts';
import { parseBool, parseEnum, parseInRange } from './parse-values.ts';
import { DEFAULT_PIPELINE_STAGES, type PipelineStages } from './pipeline-stages.ts';
import { buyingRoles, relationshipFactor, relationshipOf, tenureYears } from './relationship-stage.ts';
import type { BaseSettings, ModelSettings, Settings } from './settings.ts';
import { summarizeDeals } from './summarize-deals.ts';
import { COVERAGES, PURCHASING, type CompanyInput, type CompanyScore, type Coverage, type Purchasing, type RecordInput } from './types.ts';
import { walletOf } from './wallet.ts';

// The lifetime value is linear in the profit: profit × Σ retention^(t−1) / (1 + discount)^t. The sum
// depends only on the settings.
export const lifetimeFactor = oncePerSettings((ltv: Settings['lifetimeValue']): number => {
  let factor = 0;
  for (let t = 1; t <= ltv.horizonYears; t++) factor += ltv.retention ** (t - 1) / (1 + ltv.discountRate) ** t;
  return factor;
});

function text(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

/** kam_target_share_pct as a fraction, or null (named in the notes when invalid). */
export function enteredPosition(p: RecordInput['properties'], notes: string[]): number | null {
  const target = parseInRange(p.kam_target_share_pct, 0, 100);
  if (target !== null && typeof target !== 'number') notes.push(`winnable share ${target.reason}`);
  return typeof target === 'number' ? target / 100 : null;
}

export function positionOf(entered: number | null, potential: number | null, won: number, pipeline: number): number | null {
  if (potential === null) return null;
  if (entered !== null) return entered;
  return potential > 0 ? Math.min(1, (won + pipeline) / potential) : 0;
}

export function chosenCoverageOf(p: RecordInput['properties'], notes: string[]): Coverage | null {
  const chosen = parseEnum(p.kam_coverage, COVERAGES);
  if (chosen === null) return null;
  if (typeof chosen === 'string') return chosen;
  notes.push(`coverage ${chosen.reason}`);
  return null;
}

export function strategicOf(p: RecordInput['properties'], notes: string[]): boolean {
  const strategic = parseBool(p.kam_strategic);
  if (strategic !== null && typeof strategic !== 'boolean') notes.push(`strategic flag ${strategic.reason}`);
  return strategic === true;
}

/** The top company's kam_purchasing (§8): central unless it says branches. */
export function purchasingOf(p: RecordInput['properties'], notes: string[]): Purchasing {
  const value = parseEnum(p.kam_purchasing, PURCHASING);
  if (value !== null && typeof value !== 'string') notes.push(`purchasing ${value.reason}, used central`);
  return typeof value === 'string' ? value : 'central';
}

function parentOf(company: CompanyInput): string | null {
  const id = company.parentId;
  if (typeof id === 'string') return id.trim() === '' ? null : id.trim();
  return typeof id === 'number' ? String(id) : null;
}

/** Every figure that does not depend on the profit target; the rest is set by applyProfitTarget. */
export function measureCompany(company: CompanyInput, settings: BaseSettings, asOf: Date, stages: PipelineStages = DEFAULT_PIPELINE_STAGES): CompanyScore {
  const p: RecordInput['properties'] = company.properties && typeof company.properties === 'object' ? company.properties : {};
  const notes: string[] = [];
  const deals = summarizeDeals(Array.isArray(company.deals) ? company.deals : [], settings, asOf, stages, notes);
  const wallet = walletOf(p, deals.wonTTM, settings, notes);

  const shareOfWallet = wallet.wallet !== null && wallet.wallet > 0 ? deals.wonTTM / wallet.wallet : null;
  const entered = enteredPosition(p, notes);
  const position = positionOf(entered, wallet.potential, deals.wonTTM, deals.weightedPipeline);
  const expectedRevenue = wallet.potential !== null && position !== null ? wallet.potential * position : deals.wonTTM + deals.weightedPipeline;
  const marginPct = deals.wonTTM > 0 ? (deals.marginTTM / deals.wonTTM) * 100 : settings.defaultMarginPct;
  const relationship = relationshipOf(p, {
    everWon: deals.everWon, shareOfWallet, tenureYears: tenureYears(deals.firstWonAt, asOf.getTime()), roles: buyingRoles(company.contacts),
  }, notes);
  const lost = deals.everWon && !deals.wonRecently;

  return {
    companyId: String(company.id),
    name: text(p.name),
    ownerId: text(p.hubspot_owner_id),
    industry: text(p.industry),
    parentId: parentOf(company),
    purchasing: purchasingOf(p, notes),
    wonTTM: deals.wonTTM,
    wonPrevTTM: deals.wonPrevTTM,
    marginTTM: deals.marginTTM,
    weightedPipeline: deals.weightedPipeline,
    wallet: wallet.wallet,
    walletSource: wallet.walletSource,
    potential: wallet.potential,
    shareOfWallet,
    position,
    expectedRevenue,
    marginPct,
    won24: deals.won24,
    closed24: deals.closed24,
    firstWonAt: deals.firstWonAt,
    positionEntered: entered !== null && wallet.potential !== null,
    chosenCoverage: chosenCoverageOf(p, notes),
    wonByLine: deals.wonByLine,
    relationship,
    costToServe: 0,
    expectedProfitBy: expectedProfitByCoverage((expectedRevenue * marginPct) / 100, settings),
    recommendedCoverage: 'channel',
    coverage: 'channel',
    expectedProfit: 0,
    largeAccount: false,
    currentContribution: 0,
    potentialContribution: 0,
    attractiveness: attractivenessOf(p, deals, wallet.potential, settings, notes),
    strength: strengthOf(p, deals, shareOfWallet, relationshipFactor(relationship), settings, notes),
    lifetimeValue: 0,
    priorityScore: 0,
    strategic: strategicOf(p, notes),
    everWon: deals.everWon,
    lost,
    keyEligible: false,
    notes,
  };
}

/**
 * Sets what depends on the profit target, in place (a pass re-decides parked scores when the
 * 'auto' target moved): coverage, cost to serve, expected profit, the large-account test, key
 * eligibility, lifetime value and priority.
 */
export function applyProfitTarget(s: CompanyScore, settings: ModelSettings): CompanyScore {
  s.recommendedCoverage = recommendCoverage(s.expectedProfitBy, settings.profitTarget);
  s.coverage = s.chosenCoverage ?? s.recommendedCoverage;
  s.costToServe = costsOf(settings)[s.coverage];
  s.expectedProfit = s.expectedProfitBy[s.coverage];
  s.largeAccount = s.expectedProfitBy.dedicated >= settings.profitTarget;
  s.currentContribution = s.marginTTM - s.costToServe;
  s.potentialContribution = s.expectedProfit;
  s.lifetimeValue = s.expectedProfit * lifetimeFactor(settings.lifetimeValue);
  s.priorityScore = s.lifetimeValue;
  s.keyEligible = s.everWon && !s.lost && (s.largeAccount || s.strategic);
  return s;
}

export function scoreCompany(company: CompanyInput, settings: ModelSettings, asOf: Date, stages: PipelineStages = DEFAULT_PIPELINE_STAGES): CompanyScore {
  return applyProfitTarget(measureCompany(company, settings, asOf, stages), settings);
}
