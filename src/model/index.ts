// The key-account model: pure functions of HubSpot-shaped records, settings and an asOf date.
export * from './types.ts';
export * from './settings.ts';
export * from './properties.ts';
export { scoreCompany, measureCompany, applyProfitTarget } from './score-company.ts';
export { DEFAULT_PIPELINE_STAGES, pipelineStages, stageKey, stageProbability } from './pipeline-stages.ts';
export type { PipelineStages, PipelineStageInput } from './pipeline-stages.ts';
export { LargestValues, autoProfitTarget, resolveProfitTarget } from './profit-target.ts';
export type { ProfitTarget } from './profit-target.ts';
export { resolveGroups, MAX_GROUP_DEPTH } from './account-groups.ts';
export type { Membership } from './account-groups.ts';
export { peerMix, PeerMixBuilder, whitespaceOf, productLineOf, dealsNeedingLineItems, UNASSIGNED_LINE } from './product-lines.ts';
export { accountOf, formGroups, rankedUnits, unitWasKey, isCentral } from './group-accounts.ts';
export type { AccountGroup, FormedGroups } from './group-accounts.ts';
export type { PeerMix, LineMix } from './product-lines.ts';
export { stageOf, buyingRoles, STAGE_FACTOR } from './relationship-stage.ts';
export { buildPortfolio, portfolioEntry, thresholdsFrom, comparePriority, compareIds, NEUTRAL_THRESHOLD } from './portfolio.ts';
export type { Portfolio, PortfolioEntry, AxisTotals } from './portfolio.ts';
export { finalizeAccount } from './finalize-account.ts';
export type { AccountExtras } from './finalize-account.ts';
export { scorePortfolio, resolveTarget } from './score-portfolio.ts';
export type { PortfolioResult, ScorePortfolioOptions } from './score-portfolio.ts';
export { highRevenueLowProfit } from './warnings.ts';
export { toOutputProperties, toDepthOutputProperties, changedProperties } from './output-properties.ts';
export {
  accountFieldWrites, desiredAccountFields, ACCOUNT_FIELD_NAMES, TARGET_ACCOUNT, IDEAL_CUSTOMER_PROFILE,
  type AccountField, type AccountFieldValues, type AccountFieldDecision,
} from './hubspot-account-fields.ts';
export type { OutputMeta } from './output-properties.ts';
export { playsFor, PLAY_KINDS } from './plays.ts';
export type { Play, PlayKind, PreviousScore, PlayHistory, Task, TaskPriority } from './plays.ts';
export { previousScore, wasKeyAccount, writtenAsKeyAccount } from './written-score.ts';
export { costToServe, expectedProfitByCoverage, recommendCoverage } from './coverage.ts';
export { quadrantOf, actionOf, tierOf, categoryOf } from './classify.ts';
export { scorecardTotal } from './factors.ts';
export { firstSentence, FIRST_SENTENCE_MAX, QUADRANT_TEXT } from './explain.ts';
export { endOfDay } from './dates.ts';
