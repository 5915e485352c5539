// Joins one company's own figures with what the portfolio says of it, and explains the result.
import { actionOf, categoryOf, quadrantOf, tierOf } from './classify.ts';
import { explain } from './explain.ts';
import type { Settings } from './settings.ts';
import type { AccountFigures, CompanyScore, PortfolioContext } from './types.ts';

export function finalizeAccount(score: CompanyScore, context: PortfolioContext, settings: Settings): AccountFigures {
  const isKeyAccount = score.keyEligible && context.keyPlace !== null && context.keyPlace <= settings.keyAccountCapacity;
  const figures: Omit<AccountFigures, 'explanation'> = {
    ...score,
    quadrant: quadrantOf(score.attractiveness.value, score.strength.value, context.thresholds),
    category: categoryOf(score.everWon, score.lost, isKeyAccount),
    // A former key account at low/low is up for removal (seed 000), unless strategic: "not
    // profitable but strategic ⇒ keep".
    action: actionOf(score.currentContribution, score.potentialContribution, settings.profitTarget, context.wasKey && !score.strategic),
    tier: tierOf(context.priorityRank, context.portfolioSize, score.priorityScore, settings.tiers),
    priorityRank: context.priorityRank,
    isKeyAccount,
    waitingForKeyPlace: score.keyEligible && !isKeyAccount,
    thresholds: context.thresholds,
  };
  return { ...figures, explanation: explain(figures, settings) };
}
