// Recomputes up to 100 companies between full passes: read them, their deals and associations in
// batches, score them, update the portfolio state, write what changed. A company HubSpot no longer
// returns has been deleted or merged away and leaves the portfolio.
import {
  accountOf, ACCOUNT_FIELD_NAMES, applyProfitTarget, COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES, DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES,
  formGroups, measureCompany, OUTPUT_PROPERTY_NAMES, portfolioEntry, rankedUnits, unitWasKey, wasKeyAccount, withProfitTarget, writtenAsKeyAccount,
  type CompanyInput, type ModelSettings, type RecordInput, type Settings,
} from '../src/model/index.ts';
import { GroupLinks } from '../src/store/group-links.ts';
import { PeerMixStore } from '../src/store/peer-mix-store.ts';
import { settleAll } from '../src/hubspot/chunk.ts';
import { addContacts, addLineItems } from './account-depth-inputs.ts';
import { getDealCompanies, setDealCompanies } from '../src/store/deal-companies.ts';
import { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import { staleDeals } from '../src/store/stale-deals.ts';
import { staleRoles } from '../src/store/stale-roles.ts';
import { PortfolioState } from '../src/store/portfolio-state.ts';
import type { PortalDeps } from './portal-deps.ts';
import { writeScores, type WriteOutcome } from './write-scores.ts';

/**
 * What we last wrote on a company (the diff and the plays' transitions read it), HubSpot's account
 * fields included. The depth properties are asked for whether or not the portal has them yet:
 * HubSpot leaves out a name it does not know.
 */
export const WRITTEN_PROPERTIES = [...OUTPUT_PROPERTY_NAMES, ...DEPTH_OUTPUT_PROPERTIES.map((p) => p.name), ...ACCOUNT_FIELD_NAMES];
export const COMPANY_READ_PROPERTIES = [...COMPANY_INPUT_PROPERTY_NAMES, ...DEPTH_INPUT_PROPERTIES.map((p) => p.name), ...WRITTEN_PROPERTIES];
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
  /** Other members of the batch's groups, re-scored and written with it (§8). */
  groupMembers: string[];
  /** Companies whose contacts were read (their stale roles are cleared when the flush ends). */
  rolesRead: string[];
  removed: string[];
  /** Deals read from HubSpot (the rest came from the stored inputs). */
  dealsRead: string[];
  /** Companies whose deal and parent links were read from HubSpot (the rest came from the stored inputs). */
  linksRead: string[];
  /**
   * Accounts at the key list's edge whose place moved because this batch joined or left the list:
   * the flush marks them so that it recomputes them too.
   */
  keyListEdgeIds: string[];
}

export interface RecomputeOptions {
  /**
   * Companies whose deal and parent links may come from their stored inputs instead of HubSpot
   * (no event said they changed); the others', and those of companies with no stored inputs, are read.
   */
  linksStored?: (companyId: string) => boolean;
  /** Ids marked deleted (their links are read only if HubSpot still returns them). */
  likelyGone?: readonly string[];
}

export async function recomputeCompanies(deps: PortalDeps, companyIds: readonly string[], options: RecomputeOptions = {}): Promise<RecomputeOutcome> {
  const state = new PortfolioState(deps.redis, deps.prefix, deps.portalId);
  const links = new GroupLinks(deps.redis, deps.prefix, deps.portalId);
  const inputs = new PortfolioInputs(deps.redis, deps.prefix, deps.portalId);
  const none = (removed: string[]): RecomputeOutcome => ({ figures: [], updated: 0, tasksCreated: 0, failedIds: [], removed, dealsRead: [], linksRead: [], keyListEdgeIds: [], groupMembers: [], rolesRead: [] });
  if (companyIds.length === 0) return none([]);

  const stored = await inputs.getMany(companyIds);
  const fromStore = (id: string): boolean => stored.has(id) && options.linksStored?.(id) === true;
  // The companies' deal and parent links are read beside the companies themselves: one round trip
  // to HubSpot instead of three, and a small portal's flush is mostly that wait. Not for ids marked
  // deleted: HubSpot has most of them no more, and one it still has is asked about after.
  const gone = new Set(options.likelyGone ?? []);
  const early = companyIds.filter((id) => !fromStore(id) && !gone.has(id));
  const [records, earlyDeals, earlyParents] = await settleAll([
    deps.crm.readCompanies(companyIds, COMPANY_READ_PROPERTIES),
    early.length ? deps.crm.dealIdsForCompanies(early) : new Map<string, string[]>(),
    early.length ? deps.crm.companyParents(early) : new Map<string, string>(),
  ]);
  const found = new Set(records.map((r) => r.id));
  const removed = companyIds.filter((id) => !found.has(id));
  const late = companyIds.filter((id) => found.has(id) && !fromStore(id) && gone.has(id));
  const [lateDeals, lateParents] = late.length
    ? await settleAll([deps.crm.dealIdsForCompanies(late), deps.crm.companyParents(late)])
    : [new Map<string, string[]>(), new Map<string, string>()];
  const linksStored = new Set([...found].filter(fromStore));
  const dealIdsByCompany = new Map([...earlyDeals, ...lateDeals].filter(([id]) => found.has(id)));
  const parentOf = new Map([...earlyParents, ...lateParents]);
  for (const id of linksStored) dealIdsByCompany.set(id, (stored.get(id)!.deals ?? []).map((d) => d.id));
  const { deals, dealsRead } = await dealsOf(deps, dealIdsByCompany, stored);
  // Read or stored alike: a deal's deletion reaches its companies only through this map.
  await learnDealCompanies(deps, dealIdsByCompany);
  const storedSettings = await deps.settings.get(deps.portalId);
  const settings = await modelSettingsOf(state, storedSettings.settings);
  const version = storedSettings.version;
  const asOf = new Date(deps.now());
  const companies: CompanyInput[] = records.map((record) => ({
    ...record,
    deals: (dealIdsByCompany.get(record.id) ?? []).flatMap((d) => deals.get(d) ?? []),
    ...(stored.get(record.id)?.contacts ? { contacts: stored.get(record.id)!.contacts } : {}),
  }));
  for (const c of companies) c.parentId = linksStored.has(c.id) ? (stored.get(c.id)!.parentId ?? null) : (parentOf.get(c.id) ?? null);
  // Line items (on the deals) and contacts (on the companies) are apart: asked at once.
  const rolesStale = await staleRoles(deps.redis, deps.prefix, deps.portalId, [...found]);
  const [, rolesRead] = await settleAll([
    addLineItems(deps, companies.flatMap((c) => c.deals ?? []), settings, asOf),
    addContacts(deps, companies, (c) => rolesStale.has(c.id) || stored.get(c.id)?.contacts === undefined),
  ]);

  // Every company whose group this batch may change: the groups before (a company leaving them or
  // removed) and after (joining them), through the links as stored and as read now (§8).
  const before = await links.connected([...found, ...removed]);
  await links.setParents([...companies.map((c): [string, string | null] => [c.id, c.parentId ?? null]), ...removed.map((id): [string, null] => [id, null])]);
  const touched = new Set([...before, ...(await links.connected(found))]);
  await Promise.all([state.remove(removed), inputs.remove(removed)]);
  await inputs.save(companies);
  if (records.length === 0 && touched.size === removed.length) return none(removed);

  // The other members of those groups: their inputs as stored, their last written figures from HubSpot.
  const others = [...touched].filter((id) => !found.has(id) && !removed.includes(id));
  const otherInputs = await inputs.getMany(others);
  const otherRecords = otherInputs.size ? await deps.crm.readCompanies([...otherInputs.keys()], WRITTEN_PROPERTIES) : [];
  const recordOf = new Map<string, RecordInput>([...records, ...otherRecords].map((r) => [r.id, r]));
  const members = [...companies, ...otherRecords.flatMap((r) => otherInputs.get(r.id) ?? [])];
  const scores = new Map(members.map((c) => [c.id, measureCompany(c, settings, asOf)] as const));
  const inputOf = new Map(members.map((c) => [c.id, c] as const));
  const formed = formGroups(scores, (id) => inputOf.get(id)!, settings, asOf);
  for (const s of scores.values()) applyProfitTarget(s, settings);
  for (const g of formed.groups.values()) applyProfitTarget(g.score, settings);

  // A central group is ranked once, under its top's id: its other members leave the ranking. Key or
  // up for removal: who can get the `remove` action; written as key: the list HubSpot shows.
  const keyOrUpForRemoval = (id: string): boolean => wasKeyAccount(recordOf.get(id)!);
  const units = [...rankedUnits(scores.values(), formed)];
  const unitIds = new Set(units.map((u) => u.companyId));
  const entries = units.map((u) => portfolioEntry(u, unitWasKey(u, formed, keyOrUpForRemoval)));
  await state.remove([...scores.keys()].filter((id) => !unitIds.has(id)));
  await state.upsert(entries);
  const unitKey = new Map(entries.map((e) => [e.companyId, e.wasKey]));
  const contexts = await state.contexts(entries, settings, (id) => unitKey.get(id) === true);
  const mix = await new PeerMixStore(deps.redis, deps.prefix, deps.portalId).get();
  const batch = [...scores.values()].map((own) => {
    const { decided, unitId, extras } = accountOf(own, formed, mix);
    return { record: recordOf.get(own.companyId)!, score: decided, context: contexts.get(unitId)!, extras };
  });
  const outcome = await writeScores(deps, batch, settings, version);
  // Places on the key list that moved: a central group's members move with its one place.
  const writtenAsKey = new Set(batch.filter((b) => writtenAsKeyAccount(b.record)).map((b) => b.record.id));
  const moves = outcome.figures.filter((f) => unitIds.has(f.companyId) && f.isKeyAccount !== writtenAsKey.has(f.companyId)).length;
  const keyListEdgeIds = await keyListEdge(state, moves, settings.keyAccountCapacity, new Set(scores.keys()));
  return { ...outcome, removed, dealsRead, linksRead: [...early, ...late].filter((id) => found.has(id)), keyListEdgeIds, groupMembers: others.filter((id) => otherInputs.has(id)), rolesRead };
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
  // Only what is new: with stored links every round would otherwise write back the same map.
  const merged = new Map([...byDeal].map(([dealId, companies]) => [dealId, [...new Set([...(known.get(dealId) ?? []), ...companies])]]));
  const changed = new Map([...merged].filter(([dealId, companies]) => companies.length !== (known.get(dealId)?.length ?? -1)));
  await setDealCompanies(deps.redis, deps.prefix, deps.portalId, changed);
}
