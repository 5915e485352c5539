// app.json, the one manifest of the app: what HubSpot must know about it (scopes, the OAuth redirect,
// the webhook target and the event types we handle, the company card, the app home page and the
// settings page). The HubSpot developer project
// is generated from it, so everything is validated here, every problem at once, before a file is written.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** HubSpot's rule for component uids (project-parsing-lib `validateUid`). */
const UidSchema = z.string().regex(/^[a-zA-Z0-9_\-.]{1,64}$/, 'must be 1–64 letters, digits, _ - or .');
const PathSchema = z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'must be an absolute path such as /webhooks/hubspot');
const ScopeSchema = z.string().regex(/^[a-z][a-z0-9._-]*$/, 'must be a HubSpot scope name such as crm.objects.companies.read');

/** A legacy CRM subscription type, e.g. `company.propertyChange`; the receiver decides which are allowed. */
const SubscriptionTypeSchema = z.string().regex(/^[a-z_]+\.[A-Za-z]+$/, 'must look like company.creation');

/** A feature that needs optional scopes: off, with `without` told to the admin, until they are granted. */
export const OptionalFeatureSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z_]*$/, 'must be a lowercase id such as tasks'),
  label: z.string().min(1).max(100),
  scopes: z.array(ScopeSchema).min(1),
  /** What the app does without it, in the admin's words (shown on the settings page and logged). */
  without: z.string().min(1).max(300),
});

export const CardManifestSchema = z.strictObject({
  uid: UidSchema,
  title: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  location: z.enum(['crm.record.tab', 'crm.record.sidebar']),
  objectTypes: z.array(z.literal('companies')).min(1),
  /** The React component, relative to the repository root; copied with the files it imports. */
  component: z.string().regex(/^src\/[A-Za-z0-9/_-]+\.ts$/, 'must be a .ts file under src/'),
  /** The component's export name. */
  export: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a component name such as CompanyCard'),
});

/** The app home page or the settings page: one React component each, which talks to our backend. */
export const ExtensionManifestSchema = z.strictObject({
  uid: UidSchema,
  /** The React component, relative to the repository root; copied with the files it imports. */
  component: z.string().regex(/^src\/[A-Za-z0-9/_-]+\.ts$/, 'must be a .ts file under src/'),
  /** The component's export name; it takes the backend's base URL and HubSpot's fetch as props. */
  export: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a component name such as SettingsPage'),
});

export const AppManifestSchema = z.strictObject({
  uid: UidSchema,
  name: z.string().min(1).max(200),
  description: z.string().min(1).max(1000),
  distribution: z.enum(['marketplace', 'private']),
  scopes: z.strictObject({
    required: z.array(ScopeSchema).min(1).refine(unique, 'has duplicates').refine((s) => s.includes('oauth'), 'must include oauth'),
    optional: z.array(ScopeSchema).refine(unique, 'has duplicates'),
    /** What each optional scope turns on; a portal that did not grant them runs with the feature off. */
    features: z.array(OptionalFeatureSchema).default([]).refine((f) => unique(f.map((x) => x.id)), 'feature ids must be unique'),
  })
    .refine((s) => s.optional.every((o) => !s.required.includes(o)), 'a scope cannot be both required and optional')
    .refine((s) => s.features.every((f) => f.scopes.every((x) => s.optional.includes(x))), 'every scope of a feature must be an optional scope')
    .refine((s) => s.optional.every((o) => s.features.some((f) => f.scopes.includes(o))), 'every optional scope must belong to a feature'),
  redirectPath: PathSchema,
  webhooks: z.strictObject({
    uid: UidSchema,
    path: PathSchema,
    /** HubSpot wants at least 5; about 10 is its default. */
    maxConcurrentRequests: z.number().int().min(5).max(100),
    subscriptionTypes: z.array(SubscriptionTypeSchema).min(1).refine(unique, 'has duplicates'),
  }),
  cards: z.array(CardManifestSchema).min(1).refine((cards) => unique(cards.map((c) => c.uid)), 'card uids must be unique'),
  /** The app home page (HubSpot's `page` component, one per app). */
  page: ExtensionManifestSchema,
  /** The app settings page (HubSpot's `settings` component, one per app). */
  settings: ExtensionManifestSchema,
  support: z.strictObject({
    supportEmail: z.email(),
    documentationUrl: z.url(),
    supportUrl: z.url(),
  }),
});

export type AppManifest = z.infer<typeof AppManifestSchema>;
export type CardManifest = z.infer<typeof CardManifestSchema>;
export type ExtensionManifest = z.infer<typeof ExtensionManifestSchema>;
export type OptionalFeature = z.infer<typeof OptionalFeatureSchema>;

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

export class ManifestError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file} is not a valid app manifest:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

/** Parses a manifest object; throws a ManifestError naming every problem with its path. */
export function parseAppManifest(json: unknown, file = 'app.json'): AppManifest {
  const parsed = AppManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new ManifestError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

export function loadAppManifest(file: string): AppManifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ManifestError(file, [`cannot read it as JSON: ${(err as Error).message}`]);
  }
  return parseAppManifest(json, file);
}
