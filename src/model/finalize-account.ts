// Joins one company's own figures with what the portfolio says of it, and explains the result.
import { actionOf, categoryOf, quadrantOf, tierOf } from './classify.ts';
import { explain } from './explain.ts';
import type { ModelSettings } from './settings.ts';
import type { AccountFigures, CompanyScore, GroupFigures, PortfolioContext, Whitespace } from './types.ts';

/** What a whole portfolio adds to a company beyond its rank: its group and its whitespace (§8, §9). */
export interface AccountExtras {
  group: GroupFigures | null;
  whitespace: Whitespace | null;
  productLinesBought: string[];
}

const NONE: AccountExtras = { group: null, whitespace: null, productLinesBought: [] };

export function finalizeAccount(s: CompanyScore, context: PortfolioContext, settings: ModelSettings, extras: AccountExtras = NONE): AccountFigures {
  const isKeyAccount = s.keyEligible && context.keyPlace !== null && context.keyPlace <= settings.keyAccountCapacity;
  // Written out field by field rather than spread: this runs for every company of every pass, and
  // a literal of known shape is several times cheaper for V8 than spreading the whole score.
  const figures: AccountFigures = {
    companyId: s.companyId, name: s.name, ownerId: s.ownerId, industry: s.industry, parentId: s.parentId, purchasing: s.purchasing,
    wonTTM: s.wonTTM, wonPrevTTM: s.wonPrevTTM, marginTTM: s.marginTTM, weightedPipeline: s.weightedPipeline,
    wallet: s.wallet, walletSource: s.walletSource, potential: s.potential, shareOfWallet: s.shareOfWallet, position: s.position,
    expectedRevenue: s.expectedRevenue, marginPct: s.marginPct,
    won24: s.won24, closed24: s.closed24, firstWonAt: s.firstWonAt, positionEntered: s.positionEntered, chosenCoverage: s.chosenCoverage,
    wonByLine: s.wonByLine, relationship: s.relationship,
    costToServe: s.costToServe, expectedProfitBy: s.expectedProfitBy,
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
    portfolioSize: context.portfolioSize,
    isKeyAccount,
    waitingForKeyPlace: s.keyEligible && !isKeyAccount,
    thresholds: context.thresholds,
    profitTarget: settings.profitTarget,
    group: extras.group,
    whitespace: extras.whitespace,
    productLinesBought: extras.productLinesBought,
    explanation: '',
  };
  figures.explanation = explain(figures, settings);
  return figures;
}
