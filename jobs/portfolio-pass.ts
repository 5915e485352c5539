// The full portfolio pass: on install, on a settings change, daily, and on demand. Phase one pages
// through every company (with its deals), measures it and parks it in Redis; the profit target
// 'auto' (scoring-model.md §11) is then worked out from what was measured, every parked company
// decided and ranked into a fresh portfolio state; phase two swaps that state in and writes what
// changed, 100 companies a call. Process memory stays flat: scores wait in Redis between the
// phases, not in an array, and 'auto' keeps only the capacity's largest values.
import {
  DEAL_INPUT_PROPERTY_NAMES, LargestValues, applyProfitTarget, autoProfitTarget, measureCompany, portfolioEntry, withProfitTarget,
  type CompanyScore, type ModelSettings, type ProfitTarget, type RecordInput, type Settings,
} from '../src/model/index.ts';
import { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import { PortfolioState } from '../src/store/portfolio-state.ts';
import { companiesWithDeals } from './companies-with-deals.ts';
import { COMPANY_READ_PROPERTIES } from './recompute-companies.ts';
import type { PortalDeps } from './portal-deps.ts';
import { wasKeyAccount, writeScores } from './write-scores.ts';

export interface PassProgress {
  phase: 'reading' | 'writing' | 'done';
  companies: number;
  written: number;
}

export interface PassOutcome {
  companies: number;
  updated: number;
  tasksCreated: number;
  failedIds: string[];
  profitTarget: ProfitTarget;
}

interface Parked {
  record: RecordInput;
  score: CompanyScore;
}

const OUTPUT_KEEP = (record: RecordInput): RecordInput => ({
  id: record.id,
  properties: Object.fromEntries(Object.entries(record.properties).filter(([k]) => k.startsWith('kam_') || k === 'name')),
});

/** The parked companies in batches of at most 100, each once (HSCAN may return a field twice while the hash rehashes). */
async function* parkedBatches(deps: PortalDeps, parkKey: string): AsyncIterable<Parked[]> {
  const seen = new Set<string>();
  const pending: Parked[] = [];
  let cursor = '0';
  do {
    const [next, flat] = await deps.redis.hscan(parkKey, cursor, 'COUNT', 100);
    cursor = next;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      if (seen.has(flat[i]!)) continue;
      seen.add(flat[i]!);
      pending.push(JSON.parse(flat[i + 1]!) as Parked);
    }
    while (pending.length >= 100) yield pending.splice(0, 100);
  } while (cursor !== '0');
  if (pending.length) yield pending.splice(0);
}

function profitTargetOf(settings: Settings, largest: LargestValues): ProfitTarget {
  return settings.profitTarget === 'auto' ? autoProfitTarget(largest) : { value: settings.profitTarget, source: 'set', customers: 0 };
}

export async function portfolioPass(deps: PortalDeps, onProgress: (p: PassProgress) => Promise<void> | void = () => undefined): Promise<PassOutcome> {
  const parkKey = `${deps.prefix}:pass:${deps.portalId}`;
  const rebuild = new PortfolioState(deps.redis, deps.prefix, `${deps.portalId}-rebuild`);
  // Inputs are rebuilt too (under a temporary portal id) so companies deleted since are dropped.
  const rebuildInputs = new PortfolioInputs(deps.redis, deps.prefix, `${deps.portalId}-rebuild`);
  await Promise.all([deps.redis.del(parkKey), rebuild.clear(), rebuildInputs.clear()]);
  const { settings, version } = await deps.settings.get(deps.portalId);
  const asOf = new Date(deps.now());
  const progress: PassProgress = { phase: 'reading', companies: 0, written: 0 };
  // Existing customers' expected profit with a dedicated team, which does not depend on the target.
  const largest = new LargestValues(settings.keyAccountCapacity);

  const pages = companiesWithDeals(deps.crm.pageCompanies(COMPANY_READ_PROPERTIES), (ids) => deps.crm.readDeals(ids, DEAL_INPUT_PROPERTY_NAMES));
  for await (const companies of pages) {
    await rebuildInputs.save(companies);
    const parked: Parked[] = companies.map((company) => ({ record: OUTPUT_KEEP(company), score: measureCompany(company, settings, asOf) }));
    for (const p of parked) if (p.score.everWon && !p.score.lost) largest.add(p.score.expectedProfitBy.dedicated);
    if (parked.length) await deps.redis.hset(parkKey, ...parked.flatMap((p) => [p.record.id, JSON.stringify(p)]));
    progress.companies += parked.length;
    await onProgress(progress);
  }

  const profitTarget = profitTargetOf(settings, largest);
  const model: ModelSettings = withProfitTarget(settings, profitTarget.value);
  for await (const batch of parkedBatches(deps, parkKey)) {
    await rebuild.upsert(batch.map((p) => portfolioEntry(applyProfitTarget(p.score, model), wasKeyAccount(p.record))));
  }
  await rebuild.setProfitTarget(profitTarget.value);

  const state = new PortfolioState(deps.redis, deps.prefix, deps.portalId);
  await rebuild.moveTo(state);
  await rebuildInputs.moveTo(new PortfolioInputs(deps.redis, deps.prefix, deps.portalId));
  progress.phase = 'writing';
  const outcome: PassOutcome = { companies: progress.companies, updated: 0, tasksCreated: 0, failedIds: [], profitTarget };
  for await (const batch of parkedBatches(deps, parkKey)) {
    for (const p of batch) applyProfitTarget(p.score, model);
    const wasKey = new Set(batch.filter((p) => wasKeyAccount(p.record)).map((p) => p.record.id));
    const contexts = await state.contexts(batch.map((p) => portfolioEntry(p.score, wasKey.has(p.record.id))), model, (id) => wasKey.has(id));
    const result = await writeScores(deps, batch.map((p) => ({ ...p, context: contexts.get(p.record.id)! })), model, version);
    outcome.updated += result.updated;
    outcome.tasksCreated += result.tasksCreated;
    outcome.failedIds.push(...result.failedIds);
    progress.written += batch.length;
    await onProgress(progress);
  }
  await deps.redis.del(parkKey);
  progress.phase = 'done';
  await onProgress(progress);
  return outcome;
}
