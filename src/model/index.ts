// The key-account model: pure functions of HubSpot-shaped records, settings and an asOf date.
export * from './types.ts';
export * from './settings.ts';
export * from './properties.ts';
export { scoreCompany } from './score-company.ts';
export { buildPortfolio, portfolioEntry, thresholdsFrom, comparePriority, compareIds, NEUTRAL_THRESHOLD } from './portfolio.ts';
export type { Portfolio, PortfolioEntry, AxisTotals } from './portfolio.ts';
export { finalizeAccount } from './finalize-account.ts';
export { scorePortfolio } from './score-portfolio.ts';
export type { PortfolioResult, ScorePortfolioOptions } from './score-portfolio.ts';
export { highRevenueLowProfit } from './warnings.ts';
export { toOutputProperties, changedProperties } from './output-properties.ts';
export type { OutputMeta } from './output-properties.ts';
export { playsFor, PLAY_KINDS } from './plays.ts';
export type { Play, PlayKind, PreviousScore, PlayHistory } from './plays.ts';
export { costToServe, expectedProfitByCoverage, recommendCoverage } from './coverage.ts';
export { quadrantOf, actionOf, tierOf, categoryOf } from './classify.ts';
export { scorecardTotal } from './factors.ts';
export { endOfDay } from './dates.ts';
