// The flush: turns a portal's dirty marks into written scores, 100 companies a round, until none
// is left. Ids leave the dirty set only after their results are written, and only if no newer
// event marked them meanwhile, so an acknowledged event is never lost.
import { clearDirty, getDealCompanies, forgetDealCompanies, takeDirty, type DirtyEntry } from '../src/store/dirty-marks.ts';
import { PortfolioState } from '../src/store/portfolio-state.ts';
import { MAX_COMPANIES_PER_ROUND, recomputeCompanies } from './recompute-companies.ts';
import type { PortalDeps } from './portal-deps.ts';

export interface FlushOutcome {
  rounds: number;
  recomputed: number;
  updated: number;
  tasksCreated: number;
  removed: number;
}

export class PartialFailureError extends Error {
  override name = 'PartialFailureError';
}

/** Resolves dirty deals to their companies: live deals through HubSpot, deleted ones through the learned map. */
async function companiesOfDeals(deps: PortalDeps, deals: readonly (DirtyEntry & { deleted: boolean })[]): Promise<Map<string, string[]>> {
  const live = deals.filter((d) => !d.deleted).map((d) => d.id);
  const deleted = deals.filter((d) => d.deleted).map((d) => d.id);
  const [fromHubSpot, fromMap] = await Promise.all([
    live.length ? deps.crm.companyIdsForDeals(live) : new Map<string, string[]>(),
    getDealCompanies(deps.redis, deps.prefix, deps.portalId, deleted),
  ]);
  return new Map([...fromHubSpot, ...fromMap]);
}

/** One round; returns how many ids are still dirty after it. */
export async function flushRound(deps: PortalDeps, outcome: FlushOutcome): Promise<number> {
  const take = await takeDirty(deps.redis, deps.prefix, deps.portalId, MAX_COMPANIES_PER_ROUND);
  const retired = new Set(take.retiredCompanyIds);
  await new PortfolioState(deps.redis, deps.prefix, deps.portalId).remove(take.retiredCompanyIds);
  const dealCompanies = await companiesOfDeals(deps, take.deals);

  // Companies first, then those reached through deals, up to the round's cap; a deal whose
  // companies do not all fit stays dirty for the next round.
  const ids = new Set(take.companies.map((c) => c.id).filter((id) => !retired.has(id)));
  const dealsDone: DirtyEntry[] = [];
  for (const deal of take.deals) {
    const companies = (dealCompanies.get(deal.id) ?? []).filter((id) => !retired.has(id));
    const extra = companies.filter((id) => !ids.has(id));
    if (ids.size + extra.length > MAX_COMPANIES_PER_ROUND && ids.size > 0) continue;
    extra.forEach((id) => ids.add(id));
    dealsDone.push(deal);
  }
  const result = await recomputeCompanies(deps, [...ids]);
  const failed = new Set(result.failedIds);
  outcome.rounds += 1;
  outcome.recomputed += ids.size - failed.size;
  outcome.updated += result.updated;
  outcome.tasksCreated += result.tasksCreated;
  outcome.removed += result.removed.length;

  const deletedDone = take.deals.filter((d) => d.deleted && dealsDone.includes(d)).map((d) => d.id);
  await forgetDealCompanies(deps.redis, deps.prefix, deps.portalId, deletedDone);
  const okDeals = dealsDone.filter((d) => !(dealCompanies.get(d.id) ?? []).some((c) => failed.has(c)));
  const { remaining } = await clearDirty(deps.redis, deps.prefix, deps.portalId, {
    companies: take.companies.filter((c) => !failed.has(c.id)),
    deals: okDeals,
    retiredCompanyIds: take.retiredCompanyIds,
  });
  if (failed.size > 0) throw new PartialFailureError(`${failed.size} companies could not be written; they stay dirty for the retry`);
  return remaining;
}

/** Rounds until the portal has nothing dirty (bounded, so one job never runs forever). */
export async function flushPortal(deps: PortalDeps, maxRounds = 1000): Promise<FlushOutcome> {
  const outcome: FlushOutcome = { rounds: 0, recomputed: 0, updated: 0, tasksCreated: 0, removed: 0 };
  let remaining = 1;
  while (remaining > 0 && outcome.rounds < maxRounds) remaining = await flushRound(deps, outcome);
  return outcome;
}
