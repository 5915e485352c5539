// Recomputes up to 100 companies between full passes: read them, their deals and associations in
// batches, score them, update the portfolio state, write what changed. A company HubSpot no longer
// returns has been deleted or merged away and leaves the portfolio.
import {
  ACCOUNT_FIELD_NAMES, COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES, OUTPUT_PROPERTY_NAMES, portfolioEntry, scoreCompany, withProfitTarget,
  wasKeyAccount, writtenAsKeyAccount, type CompanyInput, type ModelSettings, type RecordInput, type Settings,
} from '../src/model/index.ts';
import { getDealCompanies, setDealCompanies } from '../src/store/deal-companies.ts';
import { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import { staleDeals } from '../src/store/stale-deals.ts';
import { PortfolioState } from '../src/store/portfolio-state.ts';
import type { PortalDeps } from './portal-deps.ts';
import { writeScores, type WriteOutcome } from './write-scores.ts';

export const COMPANY_READ_PROPERTIES = [...COMPANY_INPUT_PROPERTY_NAMES, ...OUTPUT_PROPERTY_NAMES, ...ACCOUNT_FIELD_NAMES];
export const MAX_COMPANIES_PER_ROUND = 100;

/**
 * The profit target a portal's settings name, or the one the last full pass worked out for
 * 'auto' (a portfolio figure, held until the next pass, §5). Before any pass has worked it out the
 * former default, 100,000, keeps the figures as they were.
 */
export const PROFIT_TARGET_BEFORE_AUTO = 100_000;

export async function modelSettingsOf(state: PortfolioState, settings: Settings): Promise<ModelSettings> {
  const target = settings.profitTarget === 'auto' ? ((await state.profitTarget()) ?? PROFIT_TARGET_BEFORE_AUTO) : settings.profitTarget;
  return withProfitTarget(settings, target);
}

export interface RecomputeOutcome extends WriteOutcome {
  removed: string[];
  /** Deals read from HubSpot (the rest came from the stored inputs). */
  dealsRead: string[];
  /**
   * Accounts at the key list's edge whose place moved because this batch joined or left the list:
   * the flush marks them so that it recomputes them too.
   */
  keyListEdgeIds: string[];
}

export async function recomputeCompanies(deps: PortalDeps, companyIds: readonly string[]): Promise<RecomputeOutcome> {
  const state = new PortfolioState(deps.redis, deps.prefix, deps.portalId);
  const records = companyIds.length ? await deps.crm.readCompanies(companyIds, COMPANY_READ_PROPERTIES) : [];
  const found = new Set(records.map((r) => r.id));
  const removed = companyIds.filter((id) => !found.has(id));
  const inputs = new PortfolioInputs(deps.redis, deps.prefix, deps.portalId);
  await Promise.all([state.remove(removed), inputs.remove(removed)]);
  if (records.length === 0) return { figures: [], updated: 0, tasksCreated: 0, failedIds: [], removed, dealsRead: [], keyListEdgeIds: [] };

  const dealIdsByCompany = await deps.crm.dealIdsForCompanies([...found]);
  const { deals, dealsRead } = await dealsOf(deps, dealIdsByCompany, await inputs.getMany([...found]));
  await learnDealCompanies(deps, dealIdsByCompany);
  const stored = await deps.settings.get(deps.portalId);
  const settings = await modelSettingsOf(state, stored.settings);
  const version = stored.version;
  const asOf = new Date(deps.now());
  const companies = records.map((record) => ({ ...record, deals: (dealIdsByCompany.get(record.id) ?? []).flatMap((d) => deals.get(d) ?? []) }));
  await inputs.save(companies);
  const scored = companies.map((company) => ({ record: company as RecordInput, score: scoreCompany(company, settings, asOf) }));
  // Key or up for removal: who can get the `remove` action; written as key: the list HubSpot shows.
  const keyOrUpForRemoval = new Set(records.filter(wasKeyAccount).map((r) => r.id));
  const entries = scored.map((s) => portfolioEntry(s.score, keyOrUpForRemoval.has(s.record.id)));
  await state.upsert(entries);
  const contexts = await state.contexts(entries, settings, (id) => keyOrUpForRemoval.has(id));
  const batch = scored.map((s) => ({ ...s, context: contexts.get(s.score.companyId)! }));
  const outcome = await writeScores(deps, batch, settings, version);
  const writtenAsKey = new Set(records.filter(writtenAsKeyAccount).map((r) => r.id));
  const moves = outcome.figures.filter((f) => f.isKeyAccount !== writtenAsKey.has(f.companyId)).length;
  const keyListEdgeIds = await keyListEdge(state, moves, settings.keyAccountCapacity, found);
  return { ...outcome, removed, dealsRead, keyListEdgeIds };
}

/**
 * When accounts join or leave the key list between full passes, as many accounts at the edge of
 * the capacity move the other way: the places around the edge, so that the flush recomputes them
 * and the list never holds more (or fewer) than its capacity for longer than one flush round.
 */
async function keyListEdge(state: PortfolioState, moves: number, capacity: number, inBatch: Set<string>): Promise<string[]> {
  if (moves === 0 || capacity <= 0) return [];
  const places = Array.from({ length: 2 * moves }, (_, i) => capacity - moves + 1 + i).filter((p) => p >= 1);
  return (await state.atKeyPlaces(places)).filter((id) => !inBatch.has(id));
}

/**
 * The deals of these companies: from HubSpot when they changed since the stored inputs were read
 * (stale) or were never stored (a new association), else from the stored inputs.
 */
async function dealsOf(deps: PortalDeps, dealIdsByCompany: Map<string, string[]>, stored: Map<string, CompanyInput>): Promise<{ deals: Map<string, RecordInput[]>; dealsRead: string[] }> {
  const ids = [...new Set([...dealIdsByCompany.values()].flat())];
  const stale = await staleDeals(deps.redis, deps.prefix, deps.portalId, ids);
  const known = new Map<string, RecordInput>();
  for (const company of stored.values()) for (const d of company.deals ?? []) if (!stale.has(d.id)) known.set(d.id, d);
  const dealsRead = ids.filter((id) => !known.has(id));
  const fresh = dealsRead.length ? await deps.crm.readDeals(dealsRead, DEAL_INPUT_PROPERTY_NAMES) : [];
  for (const d of fresh) known.set(d.id, d);
  return { deals: new Map([...known].map(([id, d]) => [id, [d]])), dealsRead };
}

/** Adds what we just read to the deal → company map, so a later deletion still finds its companies. */
async function learnDealCompanies(deps: PortalDeps, dealIdsByCompany: Map<string, string[]>): Promise<void> {
  const byDeal = new Map<string, Set<string>>();
  for (const [companyId, dealIds] of dealIdsByCompany) {
    for (const dealId of dealIds) (byDeal.get(dealId) ?? byDeal.set(dealId, new Set()).get(dealId)!).add(companyId);
  }
  if (byDeal.size === 0) return;
  const known = await getDealCompanies(deps.redis, deps.prefix, deps.portalId, [...byDeal.keys()]);
  const merged = new Map([...byDeal].map(([dealId, companies]) => [dealId, [...new Set([...(known.get(dealId) ?? []), ...companies])]]));
  await setDealCompanies(deps.redis, deps.prefix, deps.portalId, merged);
}
