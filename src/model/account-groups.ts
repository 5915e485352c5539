// Account groups (scoring-model.md §8, seed 000): a top company and every company below it through
// child-to-parent links. A cycle has no top: its member with the lowest id becomes the top, so
// every walk agrees. Members deeper than 10 levels count as members at level 10.
import { attractivenessOf, strengthOf } from './axes.ts';
import { expectedProfitByCoverage } from './coverage.ts';
import { compareIds } from './portfolio.ts';
import { buyingRoles, relationshipFactor, relationshipOf, tenureYears } from './relationship-stage.ts';
import { enteredPosition, positionOf } from './score-company.ts';
import type { BaseSettings } from './settings.ts';
import type { CompanyInput, CompanyScore, RecordInput, WalletSource } from './types.ts';

export const MAX_GROUP_DEPTH = 10;

export interface Membership {
  top: string;
  /** Levels below the top, capped at MAX_GROUP_DEPTH. */
  depth: number;
  /** Why the walk was not plain (a cycle cut, a missing parent, a depth cap), for the explanation. */
  notes: string[];
}

/**
 * Each company's top and depth. `parentOf` gives the stated parent; a parent that is not in the
 * portfolio (or the company itself) makes the company a top, and says so.
 */
export function resolveGroups(ids: readonly string[], parentOf: (id: string) => string | null): Map<string, Membership> {
  const known = new Set(ids);
  const parent = new Map<string, string>();
  const notes = new Map<string, string[]>();
  const note = (id: string, text: string): void => {
    (notes.get(id) ?? notes.set(id, []).get(id)!).push(text);
  };
  for (const id of ids) {
    const p = parentOf(id);
    if (p === null || p === id) continue;
    if (known.has(p)) parent.set(id, p);
    else note(id, `parent company ${p} is not in the portfolio; scored as the top of its own group`);
  }
  // Cut every cycle at its lowest id: one parent per company makes each walk a path that either
  // ends at a top or runs into a cycle.
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  for (const start of ids) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !state.has(at)) {
      state.set(at, 1);
      path.push(at);
      at = parent.get(at);
    }
    if (at !== undefined && state.get(at) === 1) {
      const cycle = path.slice(path.indexOf(at));
      const top = cycle.reduce((lo, id) => (compareIds(id, lo) < 0 ? id : lo));
      parent.delete(top);
      for (const id of cycle) note(id, `the parent links ${cycle.join(' > ')} form a cycle; ${top} (the lowest id) is taken as the top`);
    }
    for (const id of path) state.set(id, 2);
  }
  const result = new Map<string, Membership>();
  const resolve = (id: string): Membership => {
    const done = result.get(id);
    if (done) return done;
    const chain: string[] = [];
    let at = id;
    let found: Membership | undefined;
    for (;;) {
      found = result.get(at);
      if (found) break;
      const p = parent.get(at);
      if (p === undefined) {
        found = { top: at, depth: 0, notes: notes.get(at) ?? [] };
        result.set(at, found);
        break;
      }
      chain.push(at);
      at = p;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i] as string;
      const trueDepth: number = found.depth + 1;
      const own = notes.get(c) ?? [];
      if (trueDepth > MAX_GROUP_DEPTH) own.push(`more than ${MAX_GROUP_DEPTH} levels below the top of its group; counted at level ${MAX_GROUP_DEPTH}`);
      // The true depth is kept during the walk (members below count from it) and capped at the end.
      found = { top: found.top, depth: trueDepth, notes: own };
      result.set(c, found);
    }
    return found;
  };
  for (const id of ids) resolve(id);
  for (const m of result.values()) if (m.depth > MAX_GROUP_DEPTH) m.depth = MAX_GROUP_DEPTH;
  return result;
}

/** Sums over the members (§8): won, margin, pipeline; wallet and potential over the members whose wallet is known. */
export interface GroupSums {
  wonTTM: number;
  wonPrevTTM: number;
  marginTTM: number;
  weightedPipeline: number;
  won24: number;
  closed24: number;
  wallet: number | null;
  potential: number | null;
  walletSource: WalletSource;
  /** Σ wonTTM of the members whose wallet is known ÷ Σ their wallets. */
  shareOfWallet: number | null;
  expectedRevenue: number;
  marginPct: number;
  firstWonAt: number | null;
}

export function groupSums(members: readonly CompanyScore[], topProperties: RecordInput['properties'], settings: BaseSettings, notes: string[]): GroupSums & { position: number | null; positionEntered: boolean } {
  let wonTTM = 0, wonPrevTTM = 0, marginTTM = 0, weightedPipeline = 0, won24 = 0, closed24 = 0;
  let wallet = 0, potential = 0, wonKnown = 0, pipeKnown = 0, known = 0, entered = 0, unknownExpected = 0;
  let firstWonAt: number | null = null;
  for (const m of members) {
    wonTTM += m.wonTTM;
    wonPrevTTM += m.wonPrevTTM;
    marginTTM += m.marginTTM;
    weightedPipeline += m.weightedPipeline;
    won24 += m.won24;
    closed24 += m.closed24;
    if (m.firstWonAt !== null && (firstWonAt === null || m.firstWonAt < firstWonAt)) firstWonAt = m.firstWonAt;
    if (m.wallet !== null && m.potential !== null) {
      known += 1;
      if (m.walletSource === 'entered') entered += 1;
      wallet += m.wallet;
      potential += m.potential;
      wonKnown += m.wonTTM;
      pipeKnown += m.weightedPipeline;
    } else {
      // As §4 for a company of unknown wallet: its won revenue plus weighted pipeline.
      unknownExpected += m.wonTTM + m.weightedPipeline;
    }
  }
  const walletSource: WalletSource = known === 0 ? 'unknown' : known < members.length ? 'partial' : entered === known ? 'entered' : 'estimated';
  const enteredShare = enteredPosition(topProperties, notes);
  const position = known === 0 ? null : positionOf(enteredShare, potential, wonKnown, pipeKnown);
  const expectedRevenue = (position === null ? 0 : potential * position) + unknownExpected;
  return {
    wonTTM, wonPrevTTM, marginTTM, weightedPipeline, won24, closed24, firstWonAt,
    wallet: known ? wallet : null,
    potential: known ? potential : null,
    walletSource,
    shareOfWallet: known && wallet > 0 ? wonKnown / wallet : null,
    expectedRevenue,
    marginPct: wonTTM > 0 ? (marginTTM / wonTTM) * 100 : settings.defaultMarginPct,
    position,
    positionEntered: enteredShare !== null && known > 0,
  };
}

/**
 * A `central` group scored as one account (§8): §4 on the sums, derived factors from the group's
 * figures, manual factors and the coverage from the top company, strategic when any member is.
 * Its id is the top's. The profit target is applied by the caller, as for a company.
 */
export function groupScore(top: CompanyScore, topInput: CompanyInput, members: readonly CompanyScore[], contacts: readonly RecordInput[] | null, settings: BaseSettings, asOf: Date): CompanyScore {
  const notes: string[] = [];
  const p: RecordInput['properties'] = topInput.properties && typeof topInput.properties === 'object' ? topInput.properties : {};
  // Values on the top that its own score has already named as invalid are not named twice.
  const scratch: string[] = [];
  const sums = groupSums(members, p, settings, scratch);
  const everWon = members.some((m) => m.everWon);
  const lost = everWon && members.every((m) => !m.everWon || m.lost);
  const relationship = relationshipOf(p, {
    everWon, shareOfWallet: sums.shareOfWallet, tenureYears: tenureYears(sums.firstWonAt, asOf.getTime()), roles: buyingRoles(contacts ?? undefined),
  }, scratch);
  return {
    companyId: top.companyId,
    name: top.name,
    ownerId: top.ownerId,
    industry: top.industry,
    parentId: null,
    purchasing: 'central',
    wonTTM: sums.wonTTM,
    wonPrevTTM: sums.wonPrevTTM,
    marginTTM: sums.marginTTM,
    weightedPipeline: sums.weightedPipeline,
    wallet: sums.wallet,
    walletSource: sums.walletSource,
    potential: sums.potential,
    shareOfWallet: sums.shareOfWallet,
    position: sums.position,
    expectedRevenue: sums.expectedRevenue,
    marginPct: sums.marginPct,
    won24: sums.won24,
    closed24: sums.closed24,
    firstWonAt: sums.firstWonAt,
    positionEntered: sums.positionEntered,
    chosenCoverage: top.chosenCoverage,
    wonByLine: null,
    relationship,
    costToServe: 0,
    // Cost to serve once per group: one account team serves it.
    expectedProfitBy: expectedProfitByCoverage((sums.expectedRevenue * sums.marginPct) / 100, settings),
    recommendedCoverage: 'channel',
    coverage: 'channel',
    expectedProfit: 0,
    largeAccount: false,
    currentContribution: 0,
    potentialContribution: 0,
    attractiveness: attractivenessOf(p, sums, sums.potential, settings, scratch),
    strength: strengthOf(p, sums, sums.shareOfWallet, relationshipFactor(relationship), settings, scratch),
    lifetimeValue: 0,
    priorityScore: 0,
    strategic: members.some((m) => m.strategic),
    everWon,
    lost,
    keyEligible: false,
    notes,
  };
}
