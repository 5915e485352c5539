// The response contract of the /api/hubspot routes, which the app home page and the app settings
// page (React extensions inside HubSpot, calling through hubspot.fetch) are built against. One zod
// schema per body, with its inferred type; the server's tests parse real responses with these.
// Stable: fields are added, never renamed or removed.
//
// Conventions for every route:
// - HubSpot's proxy appends portalId, userId, userEmail and appId to the query and signs the whole
//   request (signature v3). Those are the only portal and user the server believes; a page never
//   sends them itself.
// - hubspot.fetch lets an extension set no header but Authorization, so whatever the server could
//   take from a header (If-Match) is also accepted in the body (baseVersion).
// - Errors are ApiError bodies: 400 invalid input (problems named), 401 not signed by HubSpot,
//   403 AccessDenied (says whom to ask), 404 portal not installed, 409 VersionConflict,
//   428 no base version given, 429 TooMany (what-if limit), 503 summary not ready yet (retryAfterSeconds).
import { z } from 'zod';
import { ACTIONS, CATEGORIES, COVERAGES, PURCHASING, QUADRANTS, TIERS } from '../model/types.ts';

export const HUBSPOT_API = {
  portfolio: '/api/hubspot/portfolio',
  whatIf: '/api/hubspot/what-if',
  settings: '/api/hubspot/settings',
  history: '/api/hubspot/settings/history',
  restore: '/api/hubspot/settings/restore',
} as const;

/** Query parameters HubSpot's proxy appends (inside what it signs); never sent by a page. */
export const PROXY_QUERY_PARAMS = ['portalId', 'userId', 'userEmail', 'appId'] as const;

const Quadrant = z.enum(QUADRANTS);
const Category = z.enum(CATEGORIES);
const Tier = z.enum(TIERS);
const Coverage = z.enum(COVERAGES);
const Action = z.enum(ACTIONS);
const IsoTime = z.string();
/** A settings value: any JSON. */
const Json = z.json();
/** A JSON object (the model settings, a merge patch over them, a JSON Schema). */
const JsonObject = z.record(z.string(), Json);

// ---------------------------------------------------------------- errors

export const ApiErrorSchema = z.object({
  /** One sentence for the user. */
  error: z.string(),
  /** Every problem as `path: message` (invalid settings, bad query). */
  problems: z.array(z.string()).optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** 429 / 503: when to try again. */
  retryAfterSeconds: z.number().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const PersonSchema = z.object({
  userId: z.string(),
  email: z.string().nullable(),
  /** "First Last" where HubSpot's users API gave it, else null. */
  name: z.string().nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

/** 403: the user may not see the portfolio (or change settings); whom to ask. */
export const AccessDeniedSchema = ApiErrorSchema.extend({
  reason: z.enum(['not-a-viewer', 'not-an-editor', 'would-lock-yourself-out']),
  askWhom: z.array(PersonSchema),
  /** Also allowed: every super admin of the portal (when the admin kept that on and the scope is granted). */
  superAdminsMay: z.boolean(),
});
export type AccessDenied = z.infer<typeof AccessDeniedSchema>;

/** 409: the write was based on an older version. Nothing was saved. */
export const VersionConflictSchema = ApiErrorSchema.extend({
  baseVersion: z.number().int(),
  currentVersion: z.number().int(),
});
export type VersionConflict = z.infer<typeof VersionConflictSchema>;

// ---------------------------------------------------------------- companies and account lists

/** What a page needs to show a company and link to its record. */
export const CompanyRefSchema = z.object({
  companyId: z.string(),
  /** "(no name, id 123)" when the company has none. */
  name: z.string(),
  /** '0-2' (companies): for CrmActionLink / openRecord-style actions. */
  objectTypeId: z.literal('0-2'),
  /** The record in HubSpot's UI, for a plain Link (the portal's own app host). */
  recordUrl: z.string(),
});
export type CompanyRef = z.infer<typeof CompanyRefSchema>;

/** A company's group (scoring-model.md §8): its top company and the group's figures. */
export const GroupRefSchema = z.object({
  /** The top company's id; filter a list by it with ?group=<groupId>. */
  groupId: z.string(),
  /** The top company's name. */
  name: z.string(),
  /** Companies in the group, the top included (≥ 2: a company alone has no group here). */
  size: z.number().int(),
  /** central: the group is scored and ranked as one account; branches: each company on its own. */
  purchasing: z.enum(PURCHASING),
  /** The group's won revenue ÷ its wallet, in % (over the members whose wallet is known); null when unknown. */
  shareOfWalletPct: z.number().nullable(),
  expectedProfit: z.number(),
  /** This company's share of the group's won revenue, in %; null when the group won nothing. */
  ownSharePct: z.number().nullable(),
  /** The members' whitespace summed (over those with a figure); null when none has one. */
  whitespace: z.number().nullable().default(null),
});
export type GroupRef = z.infer<typeof GroupRefSchema>;

export const AccountRowSchema = CompanyRefSchema.extend({
  priorityRank: z.number().int(),
  quadrant: Quadrant,
  category: Category,
  tier: Tier,
  action: Action,
  isKeyAccount: z.boolean(),
  waitingForKeyPlace: z.boolean(),
  strategic: z.boolean(),
  attractiveness: z.number().nullable(),
  strength: z.number().nullable(),
  expectedRevenue: z.number(),
  expectedProfit: z.number(),
  lifetimeValue: z.number(),
  wonTTM: z.number(),
  marginPct: z.number(),
  coverage: Coverage,
  recommendedCoverage: Coverage,
  /** Its group; null for a company alone (or before parent links are read). */
  group: GroupRefSchema.nullable().default(null),
  /** Whitespace (§9): expected spend by product line minus what it buys from us, summed; null when unknown. */
  whitespace: z.number().nullable().default(null),
  /** The product line with the largest gap; null when unknown. */
  whitespaceLine: z.string().nullable().default(null),
});
export type AccountRow = z.infer<typeof AccountRowSchema>;

export const ACCOUNT_LISTS = [
  'all',
  'key-list',
  'waiting',
  'high-revenue-low-profit',
  /** One row per group of two or more companies: its top company's. */
  'groups',
  ...QUADRANTS.map((q) => `quadrant:${q}` as const),
  ...CATEGORIES.map((c) => `category:${c}` as const),
  ...TIERS.map((t) => `tier:${t}` as const),
] as const;
export const AccountListSchema = z.enum(ACCOUNT_LISTS);
export type AccountList = z.infer<typeof AccountListSchema>;

/**
 * ?group=<company id>: only the companies of the group whose top company this is (a company alone
 * is its own group of one). HubSpot record ids are digits.
 */
export const GroupFilterSchema = z.string().regex(/^\d{1,20}$/, 'a company id (1 to 20 digits)');

/** Most rows in one page; the first page of each list in the summary has DEFAULT_PAGE_SIZE. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/**
 * One page of an account list, in priority order (key-list: strategic first, then priority;
 * high-revenue-low-profit: biggest revenue first). Next page:
 * GET /api/hubspot/portfolio?list=<list>&cursor=<nextCursor>[&limit=N][&group=<id>].
 */
export const AccountPageSchema = z.object({
  list: AccountListSchema,
  /** The group the list was filtered by, null when not filtered. */
  group: z.string().nullable().default(null),
  /** Every account in the list, not only this page. */
  total: z.number().int(),
  accounts: z.array(AccountRowSchema),
  /** null on the last page. */
  nextCursor: z.string().nullable(),
  /** The summary was recomputed since the cursor was made: this page is from the new one. */
  summaryChanged: z.boolean(),
});
export type AccountPage = z.infer<typeof AccountPageSchema>;

// ---------------------------------------------------------------- GET /api/hubspot/portfolio

export const CapacitySchema = z.object({
  used: z.number().int(),
  capacity: z.number().int(),
  waiting: z.number().int(),
  /** "25 of 25 places used; 9 eligible accounts waiting", the words of `kam score`. */
  line: z.string(),
});
export type Capacity = z.infer<typeof CapacitySchema>;

export const WhaleCurveSchema = z.object({
  /** [rank, cumulative expected profit after that rank], sampled (≤ 400), first, last and peak included. */
  points: z.array(z.tuple([z.number(), z.number()])),
  companies: z.number().int(),
  total: z.number(),
  peak: z.object({ rank: z.number().int(), value: z.number() }),
  min: z.number(),
});
export type WhaleCurve = z.infer<typeof WhaleCurveSchema>;

export const ProfitTargetSchema = z.object({
  /** What the settings say: 'auto' or a number. */
  setting: z.union([z.literal('auto'), z.number()]),
  /** The number it gives (for 'auto': computed in the last full pass); null before any pass. */
  value: z.number().nullable(),
});
export type ProfitTarget = z.infer<typeof ProfitTargetSchema>;

export const PortfolioSummarySchema = z.object({
  portalId: z.string(),
  /** 'ready': figures below; 'computing': the first summary is being built (poll; figures empty). */
  status: z.enum(['ready', 'computing']),
  /** When the figures were computed (the as-of date of the scoring). */
  asOf: IsoTime.nullable(),
  /** Settings version the figures were computed with; settingsVersion is the one stored now. */
  modelVersion: z.number().int(),
  settingsVersion: z.number().int(),
  /** ISO 4217 code where the portal's currency is known, for formatting money. */
  currency: z.string().nullable(),
  companyCount: z.number().int(),
  thresholds: z.object({ attractiveness: z.number(), strength: z.number() }),
  profitTarget: ProfitTargetSchema,
  /** The attractiveness × strength matrix: per quadrant its count (page.total) and first page. */
  matrix: z.object({ quadrants: z.record(Quadrant, AccountPageSchema) }),
  categoryCounts: z.record(Category, z.number().int()),
  tierCounts: z.record(Tier, z.number().int()),
  keyList: z.object({ capacity: CapacitySchema, accounts: AccountPageSchema, waiting: AccountPageSchema }),
  highRevenueLowProfit: AccountPageSchema,
  whaleCurve: WhaleCurveSchema,
  /** The first page of the groups (one row per group of two or more companies); total 0 when no company has a parent. */
  groups: AccountPageSchema.default({ list: 'groups', group: null, total: 0, accounts: [], nextCursor: null, summaryChanged: false }),
  /** How many companies carry a whitespace figure (0: no won deal's line items were read). */
  whitespaceKnown: z.number().int().default(0),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummarySchema>;

/** GET /api/hubspot/portfolio?list=…&cursor=…&limit=…&group=… (a further page of one list; group alone: list=all of that group). */
export const AccountPageResponseSchema = z.object({
  portalId: z.string(),
  asOf: IsoTime.nullable(),
  page: AccountPageSchema,
});
export type AccountPageResponse = z.infer<typeof AccountPageResponseSchema>;

// ---------------------------------------------------------------- POST /api/hubspot/what-if

/** The proposed settings as a JSON merge patch (RFC 7386) over the portal's current settings. */
export const WhatIfRequestSchema = z.object({
  settings: JsonObject,
});
export type WhatIfRequest = z.infer<typeof WhatIfRequestSchema>;

export const ScenarioSchema = z.object({
  thresholds: z.object({ attractiveness: z.number(), strength: z.number() }),
  profitTarget: ProfitTargetSchema,
  quadrants: z.record(Quadrant, z.number().int()),
  categories: z.record(Category, z.number().int()),
  capacity: CapacitySchema,
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** from → to → how many companies; the diagonal is those that stay. */
export const QuadrantMovesSchema = z.record(Quadrant, z.record(Quadrant, z.number().int()));
export const CategoryMovesSchema = z.record(Category, z.record(Category, z.number().int()));

export const MoverSchema = CompanyRefSchema.extend({
  quadrant: z.object({ from: Quadrant, to: Quadrant }),
  category: z.object({ from: Category, to: Category }),
  keyAccount: z.object({ from: z.boolean(), to: z.boolean() }),
});
export type Mover = z.infer<typeof MoverSchema>;

export const WhatIfResponseSchema = z.object({
  portalId: z.string(),
  /** The settings version the comparison started from. */
  basedOnVersion: z.number().int(),
  asOf: IsoTime,
  companies: z.number().int(),
  current: ScenarioSchema,
  proposed: ScenarioSchema,
  quadrantMoves: z.object({ moved: z.number().int(), matrix: QuadrantMovesSchema }),
  categoryMoves: z.object({ moved: z.number().int(), matrix: CategoryMovesSchema }),
  keyList: z.object({
    joining: z.number().int(),
    leaving: z.number().int(),
    joiningCompanies: z.array(CompanyRefSchema),
    leavingCompanies: z.array(CompanyRefSchema),
  }),
  /** Companies that change quadrant, category or key-list place (the first ones by proposed rank). */
  movers: z.array(MoverSchema),
  moversTotal: z.number().int(),
});
export type WhatIfResponse = z.infer<typeof WhatIfResponseSchema>;

// ---------------------------------------------------------------- settings

/** Who may see the portfolio and who may change settings: HubSpot user ids and team ids. */
export const AccessListSchema = z.object({ users: z.array(z.string()), teams: z.array(z.string()) });
export const AccessSchema = z.object({
  viewers: AccessListSchema,
  editors: AccessListSchema,
  /** The user who installed the app may see and change (default true). */
  installer: z.boolean(),
  /** The portal's super admins may see and change too (default true; needs the optional scope settings.users.read). */
  superAdmins: z.boolean(),
});
export type Access = z.infer<typeof AccessSchema>;

export const SettingsFieldSchema = z.object({
  /** Dot path in the settings ('attractivenessWeights.size', 'coverage.dedicated.roles'). */
  path: z.string(),
  value: Json,
  default: Json,
  isDefault: z.boolean(),
});
export type SettingsField = z.infer<typeof SettingsFieldSchema>;

export const OptionalFeatureSchema = z.object({
  feature: z.enum(['super-admins', 'teams', 'user-directory']),
  available: z.boolean(),
  /** Why not, in words an admin can act on ("grant the optional scope settings.users.read"). */
  reason: z.string().nullable(),
});
export type OptionalFeature = z.infer<typeof OptionalFeatureSchema>;

export const ActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hubspot-user'), userId: z.string(), email: z.string().nullable() }),
  z.object({ type: z.literal('operator') }),
  /** Stored settings migrated after an upgrade. */
  z.object({ type: z.literal('upgrade') }),
]);
export type Actor = z.infer<typeof ActorSchema>;

export const PassProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed', 'delayed', 'unknown']),
  phase: z.enum(['reading', 'writing', 'done']).nullable(),
  companies: z.number().int().nullable(),
  written: z.number().int().nullable(),
  /** The settings version the pass scores with. */
  settingsVersion: z.number().int().nullable(),
});
export type PassProgress = z.infer<typeof PassProgressSchema>;

export const SettingsResponseSchema = z.object({
  portalId: z.string(),
  /** Send it back as If-Match or baseVersion with a PATCH or restore (also the ETag header). */
  version: z.number().int(),
  updatedAt: IsoTime.nullable(),
  updatedBy: ActorSchema.nullable(),
  /** The model settings in full, every default filled in. */
  settings: JsonObject,
  defaults: JsonObject,
  /** Every leaf setting with its value and default. */
  fields: z.array(SettingsFieldSchema),
  /** JSON Schema of the settings (limits, enums) for the form's own validation. */
  schema: JsonObject,
  profitTarget: ProfitTargetSchema,
  access: AccessSchema,
  /** The user who installed the app, the default viewer and editor. */
  installer: PersonSchema.nullable(),
  you: z.object({ userId: z.string(), email: z.string().nullable(), canView: z.boolean(), canEdit: z.boolean() }),
  optionalFeatures: z.array(OptionalFeatureSchema),
  /** Users and teams to pick from, where the optional scopes allow reading them. */
  directory: z
    .object({ users: z.array(PersonSchema.extend({ superAdmin: z.boolean() })), teams: z.array(z.object({ teamId: z.string(), name: z.string() })) })
    .nullable(),
  /** Stored settings that no longer validate (after an upgrade) are kept and reported here, not replaced. */
  storedProblems: z.array(z.string()),
  /** The latest full pass (a save queues one). */
  pass: PassProgressSchema.nullable(),
});
export type SettingsResponse = z.infer<typeof SettingsResponseSchema>;

/**
 * PATCH /api/hubspot/settings: a JSON merge patch (RFC 7386) over the document {settings, access}:
 * a field given replaces, null resets it to its default, what is not named stays. The version it
 * was based on goes in If-Match or baseVersion (one is required: 428 without; 409 when stale).
 */
export const SettingsPatchSchema = z.object({
  baseVersion: z.number().int().optional(),
  settings: JsonObject.optional(),
  access: JsonObject.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const SettingsWriteResponseSchema = SettingsResponseSchema.extend({
  /** Dot paths that changed (empty: nothing changed, no version bump, no pass). */
  changed: z.array(z.string()),
  /** The pass queued by a change of the model settings, null when none was needed. */
  passJobId: z.string().nullable(),
});
export type SettingsWriteResponse = z.infer<typeof SettingsWriteResponseSchema>;

// ---------------------------------------------------------------- history and restore

export const SettingsChangeSchema = z.object({
  /** Dot path, 'settings.' or 'access.' first. */
  path: z.string(),
  /** Absent (undefined) when the field was not set on that side. */
  before: Json.optional(),
  after: Json.optional(),
});
export type SettingsChange = z.infer<typeof SettingsChangeSchema>;

export const HistoryEntrySchema = z.object({
  id: z.string(),
  at: IsoTime,
  by: ActorSchema,
  kind: z.enum(['patch', 'replace', 'restore', 'migrate']),
  /** The version this change was based on and the one it made. */
  baseVersion: z.number().int(),
  version: z.number().int(),
  /** For a restore: the entry restored. */
  restoredFrom: z.string().nullable(),
  changes: z.array(SettingsChangeSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** GET /api/hubspot/settings/history?cursor=…&limit=…: newest first; the last 100 per portal are kept. */
export const HistoryResponseSchema = z.object({
  portalId: z.string(),
  version: z.number().int(),
  entries: z.array(HistoryEntrySchema),
  nextCursor: z.string().nullable(),
  /** How many are kept at most. */
  kept: z.number().int(),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

/**
 * POST /api/hubspot/settings/restore: puts settings and access back as they were after
 * (default) or before the entry's change. A restore is itself a change, kept in the history.
 */
export const RestoreRequestSchema = z.object({
  entryId: z.string(),
  state: z.enum(['after', 'before']).default('after'),
  baseVersion: z.number().int().optional(),
});
export type RestoreRequest = z.input<typeof RestoreRequestSchema>;
