// One company's figures that need no other company (scoring-model.md §4). Pure: the clock is the
// asOf parameter; bad values are dropped and named in `notes`, never thrown.
import { attractivenessOf, strengthOf } from './axes.ts';
import { costsOf, expectedProfitByCoverage, recommendCoverage } from './coverage.ts';
import { oncePerSettings } from './once-per-settings.ts';
import { parseBool, parseEnum, parseInRange } from './parse-values.ts';
import type { Settings } from './settings.ts';
import { summarizeDeals } from './summarize-deals.ts';
import { COVERAGES, type CompanyInput, type CompanyScore, type Coverage, type RecordInput } from './types.ts';
import { walletOf } from './wallet.ts';

// The lifetime value is linear in the profit: profit × Σ retention^(t−1) / (1 + discount)^t. The sum
// depends only on the settings.
const lifetimeFactor = oncePerSettings((ltv: Settings['lifetimeValue']): number => {
  let factor = 0;
  for (let t = 1; t <= ltv.horizonYears; t++) factor += ltv.retention ** (t - 1) / (1 + ltv.discountRate) ** t;
  return factor;
});

function text(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

function positionOf(p: RecordInput['properties'], potential: number | null, won: number, pipeline: number, notes: string[]): number | null {
  const target = parseInRange(p.kam_target_share_pct, 0, 100);
  if (target !== null && typeof target !== 'number') notes.push(`winnable share ${target.reason}`);
  if (potential === null) return null;
  if (typeof target === 'number') return target / 100;
  return potential > 0 ? Math.min(1, (won + pipeline) / potential) : 0;
}

function coverageOf(p: RecordInput['properties'], recommended: Coverage, notes: string[]): Coverage {
  const chosen = parseEnum(p.kam_coverage, COVERAGES);
  if (chosen === null) return recommended;
  if (typeof chosen === 'string') return chosen;
  notes.push(`coverage ${chosen.reason}`);
  return recommended;
}

function strategicOf(p: RecordInput['properties'], notes: string[]): boolean {
  const strategic = parseBool(p.kam_strategic);
  if (strategic !== null && typeof strategic !== 'boolean') notes.push(`strategic flag ${strategic.reason}`);
  return strategic === true;
}

export function scoreCompany(company: CompanyInput, settings: Settings, asOf: Date): CompanyScore {
  const p: RecordInput['properties'] = company.properties && typeof company.properties === 'object' ? company.properties : {};
  const notes: string[] = [];
  const deals = summarizeDeals(Array.isArray(company.deals) ? company.deals : [], settings, asOf, notes);
  const wallet = walletOf(p, deals.wonTTM, settings, notes);

  const shareOfWallet = wallet.wallet !== null && wallet.wallet > 0 ? deals.wonTTM / wallet.wallet : null;
  const position = positionOf(p, wallet.potential, deals.wonTTM, deals.weightedPipeline, notes);
  const expectedRevenue = wallet.potential !== null && position !== null ? wallet.potential * position : deals.wonTTM + deals.weightedPipeline;
  const marginPct = deals.wonTTM > 0 ? (deals.marginTTM / deals.wonTTM) * 100 : settings.defaultMarginPct;
  const expectedProfitBy = expectedProfitByCoverage((expectedRevenue * marginPct) / 100, settings);
  const recommendedCoverage = recommendCoverage(expectedProfitBy, settings.profitTarget);
  const coverage = coverageOf(p, recommendedCoverage, notes);
  const cost = costsOf(settings)[coverage];
  const expectedProfit = expectedProfitBy[coverage];
  const attractiveness = attractivenessOf(p, deals, wallet.potential, settings, notes);
  const strength = strengthOf(p, deals, shareOfWallet, settings, notes);
  const largeAccount = expectedProfitBy.dedicated >= settings.profitTarget;
  const strategic = strategicOf(p, notes);
  const lost = deals.everWon && !deals.wonRecently;
  const ltv = expectedProfit * lifetimeFactor(settings.lifetimeValue);

  return {
    companyId: String(company.id),
    name: text(p.name),
    ownerId: text(p.hubspot_owner_id),
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
    costToServe: cost,
    expectedProfitBy,
    recommendedCoverage,
    coverage,
    expectedProfit,
    largeAccount,
    currentContribution: deals.marginTTM - cost,
    potentialContribution: expectedProfit,
    attractiveness,
    strength,
    lifetimeValue: ltv,
    priorityScore: ltv,
    strategic,
    everWon: deals.everWon,
    lost,
    keyEligible: deals.everWon && !lost && (largeAccount || strategic),
    notes,
  };
}
