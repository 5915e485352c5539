// The model settings of scoring-model.md §3: one zod schema, the defaults, and every problem
// reported at once with its path.
import { z } from 'zod';

const pct = z.number().min(0).max(100);
const weight = z.number().min(0).max(10);
const money = z.number().min(0).max(1e12);

// Bounds keep every figure finite (R15): a cost to serve is sum(roles) × (1 + overhead) / accounts
// per team, at most 20 × 1e12 × 11 / 0.01 ≈ 2.2e16; `positive()` let 5e-324 through, which made it Infinity.
const CoverageModelSchema = z.object({
  roles: z.array(money).min(1).max(20),
  overheadPct: z.number().min(0).max(1000),
  accountsPerTeam: z.number().min(0.01).max(100_000),
});

const ThresholdSchema = z.union([z.literal('portfolio-average'), z.number().min(1).max(10)]);

const PlaySchema = z.object({ enabled: z.boolean(), dueDays: z.number().int().min(0).max(365) });

// Each default is written once, on its field: an absent group is parsed as {} (prefault), so its
// fields' defaults fill it. A group-level default would be a second copy that could drift.
export const SettingsSchema = z
  .object({
    windowMonths: z.number().int().min(1).max(60).default(12),
    lostAfterMonths: z.number().int().min(1).max(120).default(18),
    defaultMarginPct: pct.default(30),
    defaultAddressablePct: pct.default(100),
    walletFromRevenue: z
      .object({
        default: z.number().min(0).max(10).nullable().default(0.02),
        byIndustry: z.record(z.string().min(1).max(100), z.number().min(0).max(10))
          .refine((r) => Object.keys(r).length <= 500, { message: 'at most 500 industries' })
          .default({}),
      })
      .prefault({}),
    coverage: z
      .object({ dedicated: CoverageModelSchema, shared: CoverageModelSchema, channel: CoverageModelSchema })
      .default({
        dedicated: { roles: [120_000, 120_000], overheadPct: 20, accountsPerTeam: 1 },
        shared: { roles: [100_000, 100_000], overheadPct: 20, accountsPerTeam: 5 },
        channel: { roles: [100_000, 80_000], overheadPct: 20, accountsPerTeam: 100 },
      }),
    // 'auto' (scoring-model.md §11): the keyAccountCapacity-th largest expected profit with a
    // dedicated team among the existing customers, worked out per portfolio. A number replaces it.
    profitTarget: z.union([z.literal('auto'), money]).default('auto'),
    /** The portal's company currency (ISO 4217), shown with every amount; null when unknown. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR').nullable().default(null),
    keyAccountCapacity: z.number().int().min(0).max(100_000).default(25),
    attractivenessWeights: z
      .object({
        size: weight.default(10),
        growth: weight.default(8),
        financial_stability: weight.default(6),
        ease_of_access: weight.default(4),
        relationship: weight.default(6),
        strategic_fit: weight.default(8),
      })
      .prefault({}),
    strengthWeights: z
      .object({
        share_of_wallet: weight.default(10),
        win_rate: weight.default(6),
        price: weight.default(6),
        service: weight.default(6),
        responsiveness: weight.default(4),
        relationship: weight.default(6),
        innovation: weight.default(4),
      })
      .prefault({}),
    thresholds: z
      .object({
        attractiveness: ThresholdSchema.default('portfolio-average'),
        strength: ThresholdSchema.default(5.5),
      })
      .prefault({}),
    tiers: z
      .object({ platinumPct: pct.default(5), goldPct: pct.default(15), silverPct: pct.default(30) })
      .prefault({})
      .refine((t) => t.platinumPct + t.goldPct + t.silverPct <= 100, { message: 'tier shares add up to more than 100 %' }),
    lifetimeValue: z
      .object({
        horizonYears: z.number().int().min(1).max(50).default(5),
        retention: z.number().min(0).max(1).default(0.85),
        discountRate: z.number().min(0).max(1).default(0.1),
      })
      .prefault({}),
    // HubSpot's own account fields (hubspot-account-fields.ts): off unless an admin opts in.
    hubspotAccountFields: z
      .object({
        /** Write key accounts to hs_is_target_account and tiers to hs_ideal_customer_profile. */
        write: z.boolean().default(false),
        /** Also replace a value someone set by hand (one that is not the value we last wrote). */
        overwriteByHand: z.boolean().default(false),
      })
      .prefault({}),
    plays: z
      .object({
        accountPlan: PlaySchema.default({ enabled: true, dueDays: 14 }),
        assignManager: PlaySchema.default({ enabled: true, dueDays: 7 }),
        quarterlyReview: PlaySchema.extend({ everyDays: z.number().int().min(1).max(365) }).default({
          enabled: true,
          dueDays: 7,
          everyDays: 90,
        }),
        lostReview: PlaySchema.default({ enabled: true, dueDays: 7 }),
        removalReview: PlaySchema.default({ enabled: true, dueDays: 14 }),
        keyDevelopmentPlan: PlaySchema.default({ enabled: true, dueDays: 30 }),
        buyingCommittee: PlaySchema.default({ enabled: true, dueDays: 14 }),
      })
      .prefault({}),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * Settings with the profit target worked out: what scoring a company needs. `'auto'` is a
 * portfolio figure (profit-target.ts), so it is resolved once per pass, before any company is decided.
 */
export type ModelSettings = Omit<Settings, 'profitTarget'> & { profitTarget: number };

/** Everything but the profit target: what measuring a company (its target-free figures) needs. */
export type BaseSettings = Omit<Settings, 'profitTarget'>;

/** The settings with this profit target; the nested objects are shared, so per-settings caches still hit. */
export function withProfitTarget(settings: BaseSettings, profitTarget: number): ModelSettings {
  return { ...settings, profitTarget };
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problems: string[] };

/** Validates settings; on failure lists every problem as `path: message`. */
export function parseSettings(input: unknown): SettingsResult {
  const parsed = SettingsSchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(settings)'}: ${i.message}`),
  };
}
