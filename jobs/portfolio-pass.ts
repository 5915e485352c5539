// The full portfolio pass: on install, on a settings change, daily, and on demand. Phase one pages
// through every company (with its deals), measures it and parks it in Redis, then works the
// profit target out ('auto', profit-target-of-pass.ts) and builds a fresh portfolio state from the
// parked companies; phase two swaps that state in and writes what changed, 100 companies a call.
// Process memory stays flat: scores wait in Redis between the phases, not in an array.
//
// The pass does not hold the portal lock while it reads (minutes on a large portal): the portal's
// flushes go on meanwhile, and each one records what it recomputed (FlushedDuringPass). Those
// companies' figures in HubSpot are fresher than the pass's, so the pass keeps their fresher
// inputs when it swaps its state in, marks them for the next flush to recompute against the new
// state, and does not write them. The swap and each write batch run under the portal lock
// (`underLock`), so no flush round falls between "not flushed" and the pass's write.
import {
  accountOf, ACCOUNT_FIELD_NAMES, applyProfitTarget, DEAL_INPUT_PROPERTY_NAMES, isCentral, measureCompany, PeerMixBuilder, portfolioEntry, unitWasKey, wasKeyAccount,
  type CompanyScore, type PortfolioEntry, type ProfitTarget, type RecordInput,
} from '../src/model/index.ts';
import { emptyMarks, markDirty } from '../src/store/dirty-marks.ts';
import { FlushedDuringPass } from '../src/store/flushed-during-pass.ts';
import { GroupLinks } from '../src/store/group-links.ts';
import { PeerMixStore } from '../src/store/peer-mix-store.ts';
import { portalKeys } from '../src/store/portal-keys.ts';
import { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import { PortfolioState } from '../src/store/portfolio-state.ts';
import { addContacts, addLineItems, addParents } from './account-depth-inputs.ts';
import { companiesWithDeals } from './companies-with-deals.ts';
import { jobFinished, jobStarted } from './job-log.ts';
import { passGroups } from './pass-groups.ts';
import { COMPANY_READ_PROPERTIES } from './recompute-companies.ts';
import type { PortalDeps } from './portal-deps.ts';
import { AutoTarget, autoTargetOfUnits, rankParked } from './profit-target-of-pass.ts';
import { writeScores } from './write-scores.ts';

/**
 * The generation of the model the pass writes. A portfolio last written by an earlier one (before
 * the 'auto' profit target, §11, and account groups in the live loop, §8) gets one quiet pass: the
 * new figures, no transition plays, so reps get no wave of tasks from a model change.
 */
export const MODEL_GENERATION = 2;

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
  /** Companies a flush recomputed during the pass: left to it, and marked for the next flush. */
  flushedMeanwhile: number;
  profitTarget: ProfitTarget;
}

/** Runs work as the portal's one writer (the worker passes its portal lock; alone, it just runs). */
export type UnderLock = <T>(work: () => Promise<T>) => Promise<T>;

interface Parked {
  record: RecordInput;
  score: CompanyScore;
}

const OUTPUT_KEEP = (record: RecordInput): RecordInput => ({
  id: record.id,
  properties: Object.fromEntries(Object.entries(record.properties).filter(([k]) => k.startsWith('kam_') || k === 'name' || (ACCOUNT_FIELD_NAMES as readonly string[]).includes(k))),
});

export async function portfolioPass(
  deps: PortalDeps,
  onProgress: (p: PassProgress) => Promise<void> | void = () => undefined,
  underLock: UnderLock = (work) => work(),
): Promise<PassOutcome> {
  const flushed = new FlushedDuringPass(deps.redis, deps.prefix, deps.portalId);
  await underLock(() => flushed.begin());
  try {
    return await passWhileFlushesRecord(deps, onProgress, underLock, flushed);
  } finally {
    await flushed.end();
  }
}

async function passWhileFlushesRecord(deps: PortalDeps, onProgress: (p: PassProgress) => Promise<void> | void, underLock: UnderLock, flushed: FlushedDuringPass): Promise<PassOutcome> {
  const started = await jobStarted(deps, 'pass');
  const parkKey = portalKeys(deps.prefix, deps.portalId).passParking;
  const rebuild = new PortfolioState(deps.redis, deps.prefix, deps.portalId, 'rebuild');
  // Inputs are rebuilt too (aside, under the portal's tag) so companies deleted since are dropped.
  const rebuildInputs = new PortfolioInputs(deps.redis, deps.prefix, deps.portalId, 'rebuild');
  const rebuildLinks = new GroupLinks(deps.redis, deps.prefix, deps.portalId, 'rebuild');
  await Promise.all([deps.redis.del(parkKey), rebuild.clear(), rebuildInputs.clear()]);
  const { settings, version } = await deps.settings.get(deps.portalId);
  const asOf = new Date(deps.now());
  const progress: PassProgress = { phase: 'reading', companies: 0, written: 0 };
  let auto = new AutoTarget(settings);
  const mix = new PeerMixBuilder();
  // Stated parent links (§8): only companies that have one take room.
  const parentOf = new Map<string, string>();
  // Products this pass has read (a catalogue: each once a pass, so a changed product line shows).
  const productsRead = new Set<string>();

  const pages = companiesWithDeals(deps.crm.pageCompanies(COMPANY_READ_PROPERTIES), (ids) => deps.crm.readDeals(ids, DEAL_INPUT_PROPERTY_NAMES));
  for await (const companies of pages) {
    // Account depth in batches per page: parents, line items of won deals in the window, contacts.
    await addParents(deps, companies);
    await addLineItems(deps, companies.flatMap((c) => c.deals ?? []), settings, asOf, productsRead);
    await addContacts(deps, companies, () => true);
    await rebuildInputs.save(companies);
    const links = companies.flatMap((c): [string, string][] => (c.parentId ? [[c.id, c.parentId]] : []));
    for (const [child, parent] of links) parentOf.set(child, parent);
    await rebuildLinks.setParents(links);
    const parked: Parked[] = companies.map((company) => ({ record: OUTPUT_KEEP(company), score: measureCompany(company, settings, asOf) }));
    for (const p of parked) mix.add(p.score);
    auto.add(parked.map((p) => p.score));
    if (parked.length) await deps.redis.hset(parkKey, ...parked.flatMap((p) => [p.record.id, JSON.stringify(p)]));
    progress.companies += parked.length;
    await flushed.keepAlive();
    await onProgress(progress);
  }

  // Groups from scratch; with any, 'auto' counts a central group once, so it is worked out again.
  const groups = await passGroups(deps.redis, parkKey, rebuildInputs, parentOf, settings, asOf);
  parentOf.clear();
  if (groups.groups.size > 0) auto = await autoTargetOfUnits(deps, parkKey, settings, groups);
  const profitTarget = auto.target();
  const model = auto.model();
  for (const g of groups.groups.values()) applyProfitTarget(g.score, model);
  await rankParked(deps, parkKey, rebuild, profitTarget, model, groups);
  const peerMix = mix.build();
  await new PeerMixStore(deps.redis, deps.prefix, deps.portalId, 'rebuild').set(peerMix.all.size > 0 ? peerMix : null);

  const state = new PortfolioState(deps.redis, deps.prefix, deps.portalId);
  // A portfolio last written by an earlier generation of the model gets the new figures and no
  // transition plays. The generation is recorded only once this pass has written everything.
  const generation = await state.modelGeneration();
  const firstPassOfModel = generation < MODEL_GENERATION;
  await rebuild.setModelGeneration(generation);
  const flushedMeanwhile = await underLock(async () => {
    const ids = await flushed.all();
    const inputs = new PortfolioInputs(deps.redis, deps.prefix, deps.portalId);
    // What a flush read is newer than what the pass read (a company gone since is gone).
    const fresher = await inputs.getMany(ids);
    await rebuildInputs.remove(ids.filter((id) => !fresher.has(id)));
    await rebuildInputs.save([...fresher.values()]);
    await rebuild.moveTo(state);
    await rebuildInputs.moveTo(inputs);
    if (ids.length) await markDirty(deps.redis, deps.prefix, deps.portalId, { ...emptyMarks(), companyIds: ids });
    return ids.length;
  });
  progress.phase = 'writing';
  const outcome: PassOutcome = { companies: progress.companies, updated: 0, tasksCreated: 0, failedIds: [], flushedMeanwhile, profitTarget };
  let cursor = '0';
  const pending: Parked[] = [];
  // HSCAN may return a field twice while the hash rehashes; write each company once.
  const seen = new Set<string>();
  const writeBatch = (parked: Parked[]): Promise<void> => underLock(async () => {
    const skip = await flushed.among(parked.map((p) => p.record.id));
    const batch = parked.filter((p) => !skip.has(p.record.id)).map((p) => {
      applyProfitTarget(p.score, model);
      return { record: p.record, ...accountOf(p.score, groups, peerMix.all.size > 0 ? peerMix : null) };
    });
    // Each company's rank is its unit's: its own, or its central group's under the top's id.
    const units = new Map<string, PortfolioEntry>();
    for (const b of batch) {
      const group = groups.groups.get(b.unitId);
      const unit = isCentral(group) ? group.score : b.decided;
      const wasKey = (id: string): boolean => groups.wasKey.get(id) ?? wasKeyAccount(b.record);
      units.set(b.unitId, portfolioEntry(unit, unitWasKey(unit, groups, wasKey)));
    }
    const contexts = await state.contexts([...units.values()], model, (id) => units.get(id)!.wasKey);
    const scored = batch.map((b) => ({ record: b.record, score: b.decided, context: contexts.get(b.unitId)!, extras: b.extras }));
    const result = await writeScores(deps, scored, model, version, { firstPassOfModel });
    outcome.updated += result.updated;
    outcome.tasksCreated += result.tasksCreated;
    outcome.failedIds.push(...result.failedIds);
    progress.written += parked.length;
    await flushed.keepAlive();
    await onProgress(progress);
  });
  do {
    const [next, flat] = await deps.redis.hscan(parkKey, cursor, 'COUNT', 100);
    cursor = next;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      if (seen.has(flat[i]!)) continue;
      seen.add(flat[i]!);
      pending.push(JSON.parse(flat[i + 1]!) as Parked);
    }
    while (pending.length >= 100) await writeBatch(pending.splice(0, 100));
  } while (cursor !== '0');
  if (pending.length) await writeBatch(pending.splice(0));
  await deps.redis.del(parkKey);
  await state.setModelGeneration(MODEL_GENERATION);
  progress.phase = 'done';
  await onProgress(progress);
  await jobFinished(deps, started, { companies: outcome.companies, written: outcome.updated, tasks: outcome.tasksCreated, failed: outcome.failedIds.length });
  return outcome;
}
