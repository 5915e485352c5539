// The relationship stage (scoring-model.md §10; McDonald's Cranfield stages, seed 001): from the
// won history, the share of wallet and the buying roles of the company's contacts.
import { DAY_MS } from './dates.ts';
import { parseEnum } from './parse-values.ts';
import { COMMITTEE_ROLES, RELATIONSHIP_STAGES, type RecordInput, type Relationship, type RelationshipStage } from './types.ts';

const YEAR_MS = 365.25 * DAY_MS;
const NO_ROLES: string[] = Object.freeze([]) as unknown as string[];

/** The relationship strength factor a stage gives when kam_str_relationship is not entered. */
export const STAGE_FACTOR: Record<RelationshipStage, number> = { exploratory: 1, basic: 3, cooperative: 5, interdependent: 8, integrated: 10 };

/**
 * The distinct buying roles over the contacts; hs_buying_role holds several values separated by
 * ";" and every one counts. Null when the contacts were not read (roles unknown).
 */
export function buyingRoles(contacts: readonly RecordInput[] | undefined): string[] | null {
  if (!Array.isArray(contacts)) return null;
  const roles = new Set<string>();
  for (const c of contacts) {
    const raw = c && typeof c === 'object' && c.properties ? c.properties.hs_buying_role : null;
    if (typeof raw !== 'string') continue;
    for (const part of raw.split(';')) {
      const role = part.trim().toUpperCase();
      if (role) roles.add(role);
    }
  }
  return [...roles].sort();
}

export interface StageInputs {
  everWon: boolean;
  /** 0–1, or null when the wallet is unknown (below every bar). */
  shareOfWallet: number | null;
  tenureYears: number | null;
  /** Null: unknown, the role conditions are skipped and the stage is capped at cooperative. */
  roles: readonly string[] | null;
}

/** The highest stage whose conditions all hold; basic for a company that has won, exploratory before. */
export function stageOf(x: StageInputs): RelationshipStage {
  if (!x.everWon) return 'exploratory';
  const share = x.shareOfWallet ?? -1;
  const tenure = x.tenureYears ?? 0;
  const roles = x.roles;
  if (roles === null) return share >= 0.1 ? 'cooperative' : 'basic';
  // roles.includes, not a local `has = (role) => …`: no closure (and no esbuild name wrapper) per company.
  const n = roles.length;
  const dm = roles.includes('DECISION_MAKER');
  if (n >= 4 && dm && roles.includes('EXECUTIVE_SPONSOR') && share >= 0.5 && tenure >= 3) return 'integrated';
  if (n >= 3 && dm && (roles.includes('CHAMPION') || roles.includes('EXECUTIVE_SPONSOR')) && share >= 0.3 && tenure >= 2) return 'interdependent';
  if (n >= 2 && dm && share >= 0.1) return 'cooperative';
  return 'basic';
}

export function tenureYears(firstWonAt: number | null, asOf: number): number | null {
  return firstWonAt === null ? null : Math.max(0, (asOf - firstWonAt) / YEAR_MS);
}

// Most companies have neither contacts read nor an override: they share one frozen value per stage
// instead of allocating one (this runs for every company of every pass).
const UNKNOWN_ROLES = Object.fromEntries(
  RELATIONSHIP_STAGES.map((stage) => [stage, Object.freeze({ stage, rolesKnown: false, overridden: false, roles: NO_ROLES, missingRoles: null })]),
) as Record<RelationshipStage, Relationship>;

/** The stage, with kam_relationship_stage_override in place of the computed one when it is valid. */
export function relationshipOf(p: RecordInput['properties'], x: StageInputs, notes: string[]): Relationship {
  const override = parseEnum(p.kam_relationship_stage_override, RELATIONSHIP_STAGES);
  if (override !== null && typeof override !== 'string') notes.push(`relationship stage override ${override.reason}`);
  const rolesKnown = x.roles !== null;
  if (!rolesKnown && typeof override !== 'string') return UNKNOWN_ROLES[stageOf(x)];
  return {
    stage: typeof override === 'string' ? override : stageOf(x),
    rolesKnown,
    overridden: typeof override === 'string',
    roles: x.roles ? [...x.roles] : NO_ROLES,
    missingRoles: rolesKnown ? COMMITTEE_ROLES.filter((r) => !x.roles!.includes(r)) : null,
  };
}

/**
 * The derived relationship factor: from an override, or from the stage when the roles are known.
 * A capped stage (roles unknown) gives none, so no portfolio loses strength for unreadable contacts.
 */
export function relationshipFactor(r: Relationship): number | null {
  return r.overridden || r.rolesKnown ? STAGE_FACTOR[r.stage] : null;
}
