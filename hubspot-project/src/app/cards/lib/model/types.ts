// The model's vocabulary. Inputs are HubSpot-shaped records (every value a string or null), so the
// adapter only fetches; outputs are plain figures with enums the property catalog names.

export interface RecordInput {
  id: string;
  properties: Record<string, string | null | undefined>;
}

/** A line item of a deal, with its product when it has one (for the product line, §9). */
export interface LineItemInput extends RecordInput {
  product?: RecordInput | null;
}

/** A deal; `lineItems` absent means they were not read (only won deals in the window need them). */
export interface DealInput extends RecordInput {
  lineItems?: LineItemInput[];
}

/** A company with its associated deals, as HubSpot's API returns them. */
export interface CompanyInput extends RecordInput {
  deals?: DealInput[];
  /** The parent company's id (HubSpot's child-to-parent association, type 14); absent or null: a top company. */
  parentId?: string | null;
  /** The associated contacts (their hs_buying_role); absent means the roles are unknown (§10). */
  contacts?: RecordInput[];
}

export const COVERAGES = ['dedicated', 'shared', 'channel'] as const;
export type Coverage = (typeof COVERAGES)[number];

export const QUADRANTS = ['key', 'key_development', 'maintenance', 'opportunistic'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const CATEGORIES = ['target', 'normal', 'key', 'lost'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ACTIONS = ['grow', 'cultivate', 'milk', 'deprioritize', 'remove'] as const;
export type Action = (typeof ACTIONS)[number];

export const TIERS = ['platinum', 'gold', 'silver', 'standard'] as const;
export type Tier = (typeof TIERS)[number];

export const WALLET_SOURCES = ['entered', 'estimated', 'partial', 'unknown'] as const;
export type WalletSource = (typeof WALLET_SOURCES)[number];

export const ATTRACTIVENESS_FACTORS = ['size', 'growth', 'financial_stability', 'ease_of_access', 'relationship', 'strategic_fit'] as const;
export type AttractivenessFactor = (typeof ATTRACTIVENESS_FACTORS)[number];
export const STRENGTH_FACTORS = ['share_of_wallet', 'win_rate', 'price', 'service', 'responsiveness', 'relationship', 'innovation'] as const;
export type StrengthFactor = (typeof STRENGTH_FACTORS)[number];

export const PURCHASING = ['central', 'branches'] as const;
export type Purchasing = (typeof PURCHASING)[number];

/** McDonald's (Cranfield) relationship stages, lowest first (scoring-model.md §10). */
export const RELATIONSHIP_STAGES = ['exploratory', 'basic', 'cooperative', 'interdependent', 'integrated'] as const;
export type RelationshipStage = (typeof RELATIONSHIP_STAGES)[number];

/** The buying roles a key account needs someone in (§10). */
export const COMMITTEE_ROLES = ['DECISION_MAKER', 'CHAMPION', 'EXECUTIVE_SPONSOR'] as const;

export interface Relationship {
  stage: RelationshipStage;
  /** Whether the contacts' buying roles were known; unknown caps the stage at cooperative. */
  rolesKnown: boolean;
  /** Set by kam_relationship_stage_override. */
  overridden: boolean;
  /** The distinct buying roles present (empty when unknown). */
  roles: string[];
  /** Which of DECISION_MAKER, CHAMPION, EXECUTIVE_SPONSOR nobody holds; null when the roles are unknown. */
  missingRoles: string[] | null;
}

/** A weighted mean over the factors that were known; null when none was. */
export interface AxisScore {
  value: number | null;
  known: number;
  total: number;
  factors: Record<string, number | null>;
}

/** Everything about one company that needs no other company: scoring-model.md §4. */
export interface CompanyScore {
  companyId: string;
  name: string | null;
  ownerId: string | null;
  industry: string | null;
  /** The parent as given (the group walk decides whether it counts). */
  parentId: string | null;
  /** The top company's choice for its group (read on every company, used on the top). */
  purchasing: Purchasing;
  wonTTM: number;
  wonPrevTTM: number;
  marginTTM: number;
  weightedPipeline: number;
  wallet: number | null;
  walletSource: WalletSource;
  potential: number | null;
  shareOfWallet: number | null;
  position: number | null;
  expectedRevenue: number;
  marginPct: number;
  /** Won deals and closed deals within 24 months (the win rate), and the first won close date. */
  won24: number;
  closed24: number;
  firstWonAt: number | null;
  /** Whether kam_target_share_pct replaced the computed position. */
  positionEntered: boolean;
  /** kam_coverage when valid, else null (the recommended coverage is used). */
  chosenCoverage: Coverage | null;
  /** Won revenue per product line in the window (§9); null when no won deal's line items were read. */
  wonByLine: Record<string, number> | null;
  relationship: Relationship;
  costToServe: number;
  expectedProfitBy: Record<Coverage, number>;
  recommendedCoverage: Coverage;
  coverage: Coverage;
  expectedProfit: number;
  largeAccount: boolean;
  currentContribution: number;
  potentialContribution: number;
  attractiveness: AxisScore;
  strength: AxisScore;
  lifetimeValue: number;
  priorityScore: number;
  strategic: boolean;
  everWon: boolean;
  lost: boolean;
  /** Existing customer (won at least once, not lost) with largeAccount or kam_strategic. */
  keyEligible: boolean;
  /** What was ignored or assumed, each a short sentence for the explanation. */
  notes: string[];
}

/** Where an axis turns high (attractiveness) or strong (strength): a value equal to it counts. */
export interface Thresholds {
  attractiveness: number;
  strength: number;
}

/** What the rest of the portfolio tells one company: thresholds, its rank, its place in the key list. */
export interface PortfolioContext {
  thresholds: Thresholds;
  /** 1 = highest priority score; ties keep a stable order by company id. */
  priorityRank: number;
  portfolioSize: number;
  /** 1-based place among key-eligible companies (strategic first, then priority); null if not eligible. */
  keyPlace: number | null;
  /** Whether the company was a key account in the last written score (for the `remove` action). */
  wasKey: boolean;
}

/** A company's group (§8), shown beside its own figures. */
export interface GroupFigures {
  groupId: string;
  groupName: string | null;
  size: number;
  purchasing: Purchasing;
  /** Levels below the top (0 for the top; members deeper than 10 count as level 10). */
  depth: number;
  wonTTM: number;
  weightedPipeline: number;
  wallet: number | null;
  walletSource: WalletSource;
  shareOfWallet: number | null;
  expectedProfit: number;
  /** The member's wonTTM / the group's; null when the group won nothing. */
  ownShareOfGroup: number | null;
}

export interface WhitespaceLine {
  line: string;
  won: number;
  expectedSpend: number;
  gap: number;
  /** won / expected spend; null when the expected spend is 0. */
  share: number | null;
}

/** Whitespace by product line (§9); null on the figures when the wallet or the peer mix is unknown. */
export interface Whitespace {
  value: number;
  lines: WhitespaceLine[];
}

/** The full figures of one company, ready to explain and write back. */
export interface AccountFigures extends CompanyScore {
  /** Null for a company alone (a group of one). */
  group: GroupFigures | null;
  whitespace: Whitespace | null;
  /** Product lines with won revenue in the window, largest first. */
  productLinesBought: string[];
  profitTarget: number;
  portfolioSize: number;
  quadrant: Quadrant;
  category: Category;
  action: Action;
  tier: Tier;
  priorityRank: number;
  isKeyAccount: boolean;
  waitingForKeyPlace: boolean;
  thresholds: Thresholds;
  explanation: string;
}
