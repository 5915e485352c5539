// Joins one company's own figures with what the portfolio says of it, and explains the result.
import { actionOf, categoryOf, quadrantOf, tierOf } from './classify.ts';
import { explain } from './explain.ts';
import type { Settings } from './settings.ts';
import type { AccountFigures, CompanyScore, PortfolioContext } from './types.ts';

export function finalizeAccount(s: CompanyScore, context: PortfolioContext, settings: Settings): AccountFigures {
  const isKeyAccount = s.keyEligible && context.keyPlace !== null && context.keyPlace <= settings.keyAccountCapacity;
  // Written out field by field rather than spread: this runs for every company of every pass, and
  // a literal of known shape is several times cheaper for V8 than spreading the whole score.
  const figures: AccountFigures = {
    companyId: s.companyId, name: s.name, ownerId: s.ownerId,
    wonTTM: s.wonTTM, wonPrevTTM: s.wonPrevTTM, marginTTM: s.marginTTM, weightedPipeline: s.weightedPipeline,
    wallet: s.wallet, walletSource: s.walletSource, potential: s.potential, shareOfWallet: s.shareOfWallet, position: s.position,
    expectedRevenue: s.expectedRevenue, marginPct: s.marginPct, costToServe: s.costToServe, expectedProfitBy: s.expectedProfitBy,
    recommendedCoverage: s.recommendedCoverage, coverage: s.coverage, expectedProfit: s.expectedProfit, largeAccount: s.largeAccount,
    currentContribution: s.currentContribution, potentialContribution: s.potentialContribution,
    attractiveness: s.attractiveness, strength: s.strength, lifetimeValue: s.lifetimeValue, priorityScore: s.priorityScore,
    strategic: s.strategic, everWon: s.everWon, lost: s.lost, keyEligible: s.keyEligible, notes: s.notes,
    quadrant: quadrantOf(s.attractiveness.value, s.strength.value, context.thresholds),
    category: categoryOf(s.everWon, s.lost, isKeyAccount),
    // A former key account at low/low is up for removal (seed 000), unless strategic: "not
    // profitable but strategic ⇒ keep".
    action: actionOf(s.currentContribution, s.potentialContribution, settings.profitTarget, context.wasKey && !s.strategic),
    tier: tierOf(context.priorityRank, context.portfolioSize, s.priorityScore, settings.tiers),
    priorityRank: context.priorityRank,
    isKeyAccount,
    waitingForKeyPlace: s.keyEligible && !isKeyAccount,
    thresholds: context.thresholds,
    explanation: '',
  };
  figures.explanation = explain(figures, settings);
  return figures;
}
