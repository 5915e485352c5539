// The flush: turns a portal's dirty marks into written scores. Dirty deals are first resolved to
// their companies (1,000 deals a call) and become company marks; then companies are recomputed 100
// a round. Ids leave the dirty set only after their results are written, and only if no newer
// event marked them meanwhile, so an acknowledged event is never lost, and each company is
// recomputed once per burst however many of its deals moved.
//
// A flush runs full rounds while there are 100 companies to take, and stops after the first round
// that takes fewer (unless that round itself marked accounts at the key list's edge, which the
// same flush recomputes): whatever is dirty then was marked while that round ran. Those marks wait for
// the next flush and its coalescing delay (the job asks for it) instead of being chased one small
// round at a time: under a steady stream of events, rounds of a few companies each spent the
// portal's call budget and then stalled every call for seconds.
//
// Each step (resolving a batch of deals, a round of companies) takes its marks through the job's
// journal and empties it when its marks are cleared: a job that gave its slot back for want of
// call budget redoes the step it stopped in with the marks and answers it already had.
import { forgetDealCompanies, getDealCompanies } from '../src/store/deal-companies.ts';
import { clearDirty, emptyMarks, markDirty, readDirty, type DirtyEntry } from '../src/store/dirty-marks.ts';
import { FlushedDuringPass } from '../src/store/flushed-during-pass.ts';
import { clearStaleDeals, markDealsStale } from '../src/store/stale-deals.ts';
import { staleLinks } from '../src/store/stale-links.ts';
import { markRolesStale } from '../src/store/stale-roles.ts';
import { CallJournal } from './call-journal.ts';
import { MAX_COMPANIES_PER_ROUND, recomputeCompanies } from './recompute-companies.ts';
import type { PortalDeps } from './portal-deps.ts';
import { jobFinished, jobStarted } from './job-log.ts';

export const MAX_DEALS_PER_RESOLVE = 1000;

export interface FlushOutcome {
  rounds: number;
  recomputed: number;
  updated: number;
  tasksCreated: number;
  removed: number;
  /** Deals read from HubSpot during this flush (cleared from the stale set when it ends). */
  dealsRead: Set<string>;
  /** Ids still dirty when the flush stopped (marked while its last round ran): the next flush's. */
  remaining: number;
  /** When the last round took its marks (epoch ms): those left were all made after it. */
  lastTakenAt: number;
}

export class PartialFailureError extends Error {
  override name = 'PartialFailureError';
}

/** Live deals through HubSpot's associations, deleted ones through the map the jobs learned. */
async function companiesOfDeals(deps: PortalDeps, deals: readonly (DirtyEntry & { deleted: boolean })[]): Promise<Map<string, string[]>> {
  const live = deals.filter((d) => !d.deleted).map((d) => d.id);
  const deleted = deals.filter((d) => d.deleted).map((d) => d.id);
  const [fromHubSpot, fromMap] = await Promise.all([
    live.length ? deps.crm.companyIdsForDeals(live) : new Map<string, string[]>(),
    getDealCompanies(deps.redis, deps.prefix, deps.portalId, deleted),
  ]);
  return new Map([...fromHubSpot, ...fromMap]);
}

/** Turns up to 1,000 dirty deals into dirty companies; returns how many deals it resolved. */
export async function resolveDirtyDeals(deps: PortalDeps, journal = new CallJournal()): Promise<number> {
  const take = () => readDirty(deps.redis, deps.prefix, deps.portalId, MAX_DEALS_PER_RESOLVE);
  const { deals } = await journal.once('take-deals', take, (t) => t.deals.length > 0);
  if (deals.length === 0) return 0;
  const byDeal = await companiesOfDeals(deps, deals);
  const companyIds = [...new Set([...byDeal.values()].flat())];
  // Stale first, then mark, then clear: a crash between two steps only resolves the deals again.
  // Only deals with a company: a deal is unmarked when a recompute of its company reads it, so a
  // deal with none would stay in the set for good (R12); it is marked again when it gains one.
  await markDealsStale(deps.redis, deps.prefix, deps.portalId, deals.filter((d) => !d.deleted && (byDeal.get(d.id)?.length ?? 0) > 0).map((d) => d.id));
  // Their links are read again: the deal may be new to them (stale-links.ts).
  if (companyIds.length) await markDirty(deps.redis, deps.prefix, deps.portalId, { ...emptyMarks(), linkCompanyIds: companyIds });
  await forgetDealCompanies(deps.redis, deps.prefix, deps.portalId, deals.filter((d) => d.deleted).map((d) => d.id));
  await clearDirty(deps.redis, deps.prefix, deps.portalId, { deals });
  journal.clear();
  return deals.length;
}

/**
 * Turns up to 1,000 dirty contacts into dirty companies whose roles are read again (§10): a contact's
 * buying role or company links changed. Returns how many contacts it resolved.
 */
export async function resolveDirtyContacts(deps: PortalDeps, journal = new CallJournal()): Promise<number> {
  const take = () => readDirty(deps.redis, deps.prefix, deps.portalId, MAX_DEALS_PER_RESOLVE);
  const { contacts } = await journal.once('take-contacts', take, (t) => t.contacts.length > 0);
  if (contacts.length === 0) return 0;
  const byContact = await deps.crm.companyIdsForContacts(contacts.map((c) => c.id));
  const companyIds = [...new Set([...byContact.values()].flat())];
  // Stale first, then mark, then clear: a crash between two steps only resolves the contacts again.
  await markRolesStale(deps.redis, deps.prefix, deps.portalId, companyIds);
  if (companyIds.length) await markDirty(deps.redis, deps.prefix, deps.portalId, { ...emptyMarks(), companyIds });
  await clearDirty(deps.redis, deps.prefix, deps.portalId, { contacts });
  journal.clear();
  return contacts.length;
}

interface Round {
  taken: number;
  /** Accounts at the key list's edge the round marked itself. */
  edgeMarked: number;
  remaining: number;
  /** When it took its marks. */
  takenAt: number;
}

/** One round of up to 100 companies: how many it took, marked at the key list's edge, and left dirty. */
export async function flushRound(deps: PortalDeps, outcome: FlushOutcome, journal = new CallJournal()): Promise<Round> {
  // A round resumed after giving its slot back goes on with the companies it took.
  if (!journal.has('take-companies')) {
    while ((await resolveDirtyDeals(deps, journal)) > 0);
    while ((await resolveDirtyContacts(deps, journal)) > 0);
  }
  // Kept with the marks taken, so that a round resumed after a yield keeps its first take's time.
  const takenAt = await journal.once('taken-at', async () => deps.now());
  const take = await journal.once('take-companies', () => readDirty(deps.redis, deps.prefix, deps.portalId, MAX_COMPANIES_PER_ROUND));
  // HubSpot keeps no order: a deletion can arrive after the restore that undid it (R5). Whether a
  // retired company is gone is HubSpot's to say, so retired ids go through the recompute too, which
  // drops the ones HubSpot no longer returns and recomputes any it still has.
  // A company's deal and parent links come from what was stored unless an event said they changed
  // (stale-links.ts): a change to its own properties costs a round two calls, read and write.
  const ids = [...take.companies.map((c) => c.id), ...take.retiredCompanyIds];
  const stale = await staleLinks(deps.redis, deps.prefix, deps.portalId, ids);
  const result = await recomputeCompanies(deps, ids, { linksStored: (id) => !stale.has(id), likelyGone: take.retiredCompanyIds });
  const failed = new Set(result.failedIds);
  outcome.rounds += 1;
  outcome.recomputed += take.companies.filter((c) => !failed.has(c.id)).length;
  outcome.updated += result.updated;
  outcome.tasksCreated += result.tasksCreated;
  outcome.removed += result.removed.length;
  result.dealsRead.forEach((id) => outcome.dealsRead.add(id));
  // Accounts at the key list's edge that the round moved: marked here (the flush owns the marks)
  // so that the same flush recomputes them in its next round (and the retry, if this one fails).
  const edge = result.keyListEdgeIds;
  if (edge.length) await markDirty(deps.redis, deps.prefix, deps.portalId, { ...emptyMarks(), companyIds: edge });
  const done = { companies: take.companies.filter((c) => !failed.has(c.id)), retiredCompanyIds: take.retiredCompanyIds.filter((id) => !failed.has(id)) };
  // A full pass running meanwhile must not write its older figures over these (nor over the other
  // members of their groups, written with them).
  await new FlushedDuringPass(deps.redis, deps.prefix, deps.portalId).record([...done.companies.map((c) => c.id), ...done.retiredCompanyIds, ...result.groupMembers]);
  const { remaining } = await clearDirty(deps.redis, deps.prefix, deps.portalId, { ...done, linksRead: result.linksRead, rolesRead: result.rolesRead });
  journal.clear();
  if (failed.size > 0) throw new PartialFailureError(`${failed.size} ${failed.size === 1 ? 'company' : 'companies'} could not be written; they stay dirty for the retry`);
  return { taken: take.companies.length + take.retiredCompanyIds.length, edgeMarked: edge.length, remaining, takenAt };
}

/**
 * Full rounds, then one partial round (bounded, so one job never runs forever). `deps.crm` should
 * answer through the same journal (journaledCrm) for a resumed job to spend no call twice.
 */
export async function flushPortal(deps: PortalDeps, maxRounds = 1000, journal = new CallJournal()): Promise<FlushOutcome> {
  const started = await jobStarted(deps, 'flush');
  const outcome: FlushOutcome = { rounds: 0, recomputed: 0, updated: 0, tasksCreated: 0, removed: 0, dealsRead: new Set(), remaining: 0, lastTakenAt: started.at };
  let round: Round = { taken: MAX_COMPANIES_PER_ROUND, edgeMarked: 0, remaining: 1, takenAt: started.at };
  const another = (r: Round): boolean => r.remaining > 0 && (r.taken >= MAX_COMPANIES_PER_ROUND || r.edgeMarked > 0);
  while (another(round) && outcome.rounds < maxRounds) round = await flushRound(deps, outcome, journal);
  outcome.remaining = round.remaining;
  outcome.lastTakenAt = round.takenAt;
  // Only now: a stale deal may belong to several companies, recomputed in different rounds.
  await clearStaleDeals(deps.redis, deps.prefix, deps.portalId, [...outcome.dealsRead]);
  await jobFinished(deps, started, { companies: outcome.recomputed, written: outcome.updated, tasks: outcome.tasksCreated, rounds: outcome.rounds, remaining: outcome.remaining });
  return outcome;
}
