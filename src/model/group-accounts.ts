// Groups of measured companies (§8), shared by every scorer: the offline one (score-portfolio.ts)
// forms them over the whole portfolio; the full pass and the flush form them over the connected
// companies they hold (a company, its parent links up to the top, and every company below it), so
// the three give a group the very same figures.
import { groupScore, resolveGroups, type Membership } from './account-groups.ts';
import type { AccountExtras } from './finalize-account.ts';
import { compareIds } from './portfolio.ts';
import { linesBought, mixFor, whitespaceOf, type PeerMix } from './product-lines.ts';
import type { BaseSettings } from './settings.ts';
import type { CompanyInput, CompanyScore, GroupFigures, RecordInput } from './types.ts';

export interface AccountGroup {
  top: string;
  /** The top first, then by id. */
  members: string[];
  score: CompanyScore;
}

export interface FormedGroups {
  /** Null when no company names a parent (every company is alone). */
  memberships: Map<string, Membership> | null;
  /** Groups of more than one company, by top id. */
  groups: Map<string, AccountGroup>;
}

export const isCentral = (g: AccountGroup | undefined): g is AccountGroup => g !== undefined && g.score.purchasing === 'central';

function contactsOf(inputs: readonly CompanyInput[]): RecordInput[] | null {
  if (inputs.every((c) => !Array.isArray(c.contacts))) return null;
  return inputs.flatMap((c) => (Array.isArray(c.contacts) ? c.contacts : []));
}

/**
 * The groups of these measured companies. `parentOf` is the stated parent (a parent outside `scores`
 * makes its child a top); each group of more than one is scored as one account (groupScore), with
 * the top's kam_purchasing. The profit target is applied by the caller.
 */
export function formGroups(scores: ReadonlyMap<string, CompanyScore>, inputOf: (id: string) => CompanyInput, settings: BaseSettings, asOf: Date): FormedGroups {
  let anyParent = false;
  for (const s of scores.values()) if (s.parentId !== null) anyParent = true;
  const groups = new Map<string, AccountGroup>();
  if (!anyParent) return { memberships: null, groups };
  const memberships = resolveGroups([...scores.keys()], (id) => scores.get(id)!.parentId);
  const membersOf = new Map<string, string[]>();
  for (const [id, m] of memberships) (membersOf.get(m.top) ?? membersOf.set(m.top, []).get(m.top)!).push(id);
  for (const [top, members] of membersOf) {
    if (members.length < 2) continue;
    members.sort((a, b) => (a === top ? -1 : b === top ? 1 : compareIds(a, b)));
    const memberScores = members.map((id) => scores.get(id)!);
    const score = groupScore(scores.get(top)!, inputOf(top), memberScores, contactsOf(members.map(inputOf)), settings, asOf);
    score.purchasing = scores.get(top)!.purchasing;
    groups.set(top, { top, members, score });
  }
  return { memberships, groups };
}

/** A member of a `central` group: its own figures, the group's decision. */
export function asCentralMember(own: CompanyScore, group: CompanyScore): CompanyScore {
  return {
    ...own,
    relationship: group.relationship,
    costToServe: group.costToServe,
    expectedProfitBy: group.expectedProfitBy,
    recommendedCoverage: group.recommendedCoverage,
    coverage: group.coverage,
    expectedProfit: group.expectedProfit,
    largeAccount: group.largeAccount,
    currentContribution: group.currentContribution,
    potentialContribution: group.potentialContribution,
    attractiveness: group.attractiveness,
    strength: group.strength,
    lifetimeValue: group.lifetimeValue,
    priorityScore: group.priorityScore,
    strategic: group.strategic,
    keyEligible: group.keyEligible,
  };
}

export function groupFigures(group: AccountGroup, own: CompanyScore, membership: Membership): GroupFigures {
  const g = group.score;
  return {
    groupId: group.top,
    groupName: g.name,
    size: group.members.length,
    purchasing: g.purchasing,
    depth: membership.depth,
    wonTTM: g.wonTTM,
    weightedPipeline: g.weightedPipeline,
    wallet: g.wallet,
    walletSource: g.walletSource,
    shareOfWallet: g.shareOfWallet,
    expectedProfit: g.expectedProfit,
    ownShareOfGroup: g.wonTTM > 0 ? own.wonTTM / g.wonTTM : null,
  };
}

/**
 * What one company is decided and written as: itself, or (a member of a `central` group) its own
 * figures with the group's decision, ranked as the group (`unitId`, the top's id); its group's
 * figures and its whitespace beside. Adds the membership's notes (a cycle, a missing parent) to
 * the company's own.
 */
export function accountOf(own: CompanyScore, formed: FormedGroups, mix: PeerMix | null): { decided: CompanyScore; unitId: string; extras: AccountExtras } {
  const membership = formed.memberships?.get(own.companyId);
  const g = membership ? formed.groups.get(membership.top) : undefined;
  if (membership && membership.notes.length) own.notes = [...own.notes, ...membership.notes];
  const central = isCentral(g);
  return {
    decided: central ? asCentralMember(own, g.score) : own,
    unitId: central ? g.top : own.companyId,
    extras: {
      group: g && membership ? groupFigures(g, own, membership) : null,
      whitespace: mix ? whitespaceOf(own.potential, own.wonByLine, mixFor(mix, own.industry)) : null,
      productLinesBought: linesBought(own.wonByLine),
    },
  };
}

/** The ranked units: a central group once (its score, under the top's id), every other company alone. */
export function* rankedUnits(scores: Iterable<CompanyScore>, formed: FormedGroups): Iterable<CompanyScore> {
  for (const s of scores) {
    const top = formed.memberships?.get(s.companyId)?.top;
    const g = top === undefined ? undefined : formed.groups.get(top);
    if (!isCentral(g)) yield s;
    else if (g.top === s.companyId) yield g.score;
  }
}

/** Whether a unit was key: for a central group, whether any member was. */
export function unitWasKey(unit: CompanyScore, formed: FormedGroups, wasKey: (id: string) => boolean): boolean {
  const g = formed.groups.get(unit.companyId);
  return isCentral(g) ? g.members.some(wasKey) : wasKey(unit.companyId);
}
