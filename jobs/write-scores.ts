// The last step for a batch of at most 100 scored companies: finalize with the portfolio context,
// create the plays' tasks, then write only the properties whose value changed. Tasks go first:
// the transition that calls for a task is read from the properties, so writing them first and
// crashing would lose the task.
import {
  finalizeAccount, PLAY_KINDS, playsFor, previousScore, toDepthOutputProperties, toOutputProperties, changedProperties,
  type AccountExtras, type AccountFigures, type CompanyScore, type PortfolioContext, type RecordInput, type ModelSettings, type PlayHistory, type Play,
} from '../src/model/index.ts';
import { PlayLedger } from '../src/store/play-ledger.ts';
import { planAccountFields } from './account-fields.ts';
import { createPlays } from './create-plays.ts';
import type { PortalDeps } from './portal-deps.ts';

export interface ScoredCompany {
  record: RecordInput;
  score: CompanyScore;
  context: PortfolioContext;
  /** Its group's figures and its whitespace (§8, §9); none for a company scored alone. */
  extras?: AccountExtras;
}

export interface WriteOutcome {
  figures: AccountFigures[];
  updated: number;
  tasksCreated: number;
  failedIds: string[];
}

/** What createPlays returns when the portal's task feature is off: the figures are written all the same. */
const NO_TASKS = { created: 0, skippedOpen: 0, recovered: 0, failed: [] };

export interface WriteOptions {
  /** The portal's first pass with this generation of the model: write the figures, fire no transition plays. */
  firstPassOfModel?: boolean;
}

export async function writeScores(
  deps: PortalDeps, batch: readonly ScoredCompany[], settings: ModelSettings, modelVersion: number, options: WriteOptions = {},
): Promise<WriteOutcome> {
  const now = deps.now();
  const asOf = new Date(now);
  const ledger = new PlayLedger(deps.redis, deps.prefix, deps.portalId);
  const history = await ledger.forCompanies(batch.map((b) => b.score.companyId), PLAY_KINDS);
  const figures: AccountFigures[] = [];
  const plays: Play[] = [];
  const updates: { id: string; properties: Record<string, string> }[] = [];
  // The depth outputs are written only where provisioning created them; until then the buying
  // committee's gap is not recorded either, so its play (§10, once while the gap lasts) waits too.
  const depthOutputs = deps.depth?.outputs === true;
  const finalized = batch.map((b) => ({ ...b, figures: finalizeAccount(b.score, b.context, settings, b.extras) }));
  const accountFields = await planAccountFields(deps, settings, finalized);
  for (const { record, score, figures: f } of finalized) {
    figures.push(f);
    const h: PlayHistory = { lastCreatedAt: {} };
    for (const [kind, r] of history.get(score.companyId) ?? []) h.lastCreatedAt[kind as keyof PlayHistory['lastCreatedAt']] = new Date(r.at);
    const previous = previousScore(record);
    if (previous && options.firstPassOfModel) previous.fromEarlierModel = true;
    // A company scored before its depth outputs existed has no recorded gap: a gap found now is no
    // news, so an upgrade creates no wave of buying-committee tasks.
    const gapKnown = depthOutputs && (previous === null || !!record.properties.kam_relationship_stage);
    plays.push(...playsFor(previous, f, settings, asOf, h).filter((p) => gapKnown || p.kind !== 'buying_committee'));
    const outputs = toOutputProperties(f, { scoredAt: asOf, modelVersion });
    const changed = { ...changedProperties(record.properties, depthOutputs ? { ...outputs, ...toDepthOutputProperties(f) } : outputs), ...accountFields.propertiesFor(record.id) };
    if (Object.keys(changed).length > 0) updates.push({ id: score.companyId, properties: changed });
  }
  const tasks = deps.tasksEnabled === false ? NO_TASKS : await createPlays({ crm: deps.crm, ledger, portalId: deps.portalId, now: deps.now }, plays);
  const failedTaskCompanies = new Set(tasks.failed.map((f) => f.companyId));
  // A company whose task failed keeps its old properties, so the retry still sees the transition.
  const toWrite = updates.filter((u) => !failedTaskCompanies.has(u.id));
  const { failed } = toWrite.length ? await deps.crm.updateCompanies(toWrite) : { failed: [] };
  for (const f of failed) deps.logger.warn({ companyId: f.id, reason: f.message }, 'company update failed');
  const refused = new Set(failed.map((f) => f.id));
  await accountFields.commit(toWrite.filter((u) => !refused.has(u.id)).map((u) => u.id));
  for (const f of tasks.failed) deps.logger.warn({ playKey: f.playKey, reason: f.message }, 'task creation failed');
  return {
    figures,
    updated: toWrite.length - failed.length,
    tasksCreated: tasks.created,
    failedIds: [...new Set([...failed.map((f) => f.id), ...failedTaskCompanies])],
  };
}
