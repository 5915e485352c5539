// The model's vocabulary. Inputs are HubSpot-shaped records (every value a string or null), so the
// adapter only fetches; outputs are plain figures with enums the property catalog names.

export interface RecordInput {
  id: string;
  properties: Record<string, string | null | undefined>;
}

/** A company with its associated deals, as HubSpot's API returns them. */
export interface CompanyInput extends RecordInput {
  deals?: RecordInput[];
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

export const WALLET_SOURCES = ['entered', 'estimated', 'unknown'] as const;
export type WalletSource = (typeof WALLET_SOURCES)[number];

export const ATTRACTIVENESS_FACTORS = ['size', 'growth', 'financial_stability', 'ease_of_access', 'relationship', 'strategic_fit'] as const;
export type AttractivenessFactor = (typeof ATTRACTIVENESS_FACTORS)[number];
export const STRENGTH_FACTORS = ['share_of_wallet', 'win_rate', 'price', 'service', 'responsiveness', 'relationship', 'innovation'] as const;
export type StrengthFactor = (typeof STRENGTH_FACTORS)[number];

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

/** The full figures of one company, ready to explain and write back. */
export interface AccountFigures extends CompanyScore {
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
