// The webhook events we act on, as HubSpot sends them (webhooks v3). Strict where the docs are
// firm, lenient where captures disagree: objectId is absent on association events and uncertain on
// merges, changeSource/sourceId are uncertain on association and merge events, ids may come as
// numbers or numeric strings. Unknown fields pass through untouched.
import { z } from 'zod';

/** An object id: a number on the wire; a numeric string is tolerated. Normalised to a string. */
export const IdSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

const BaseEventSchema = z.looseObject({
  eventId: z.union([z.number(), z.string()]).optional(),
  subscriptionId: z.union([z.number(), z.string()]).optional(),
  portalId: IdSchema,
  appId: z.union([z.number(), z.string()]).optional(),
  occurredAt: z.number(),
  attemptNumber: z.number().optional(),
  changeSource: z.string().optional(),
  sourceId: z.union([z.string(), z.number()]).transform(String).optional(),
  changeFlag: z.string().optional(),
});

export const OBJECT_TYPES = ['company', 'deal'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

const objectEvent = <K extends string>(kinds: readonly K[]) =>
  BaseEventSchema.extend({
    subscriptionType: z.enum(OBJECT_TYPES.flatMap((o) => kinds.map((k) => `${o}.${k}` as `${ObjectType}.${K}`))),
    objectId: IdSchema,
    propertyName: z.string().optional(),
    propertyValue: z.string().nullable().optional(),
  });

/** creation, deletion, restore and propertyChange of a company or deal. */
export const ObjectEventSchema = objectEvent(['creation', 'deletion', 'restore', 'propertyChange'] as const);

/**
 * A contact's buying role changed (`contact.propertyChange` on hs_buying_role, the one contact
 * property we subscribe to; account depth, §10). The value is HubSpot's multiple-checkbox form,
 * `;`-separated, or empty when cleared.
 */
export const ContactPropertyEventSchema = BaseEventSchema.extend({
  subscriptionType: z.literal('contact.propertyChange'),
  objectId: IdSchema,
  propertyName: z.string(),
  propertyValue: z.string().nullable().optional(),
});

export const AssociationChangeEventSchema = BaseEventSchema.extend({
  subscriptionType: z.enum(['company.associationChange', 'deal.associationChange', 'contact.associationChange']),
  objectId: IdSchema.optional(),
  associationType: z.string(),
  fromObjectId: IdSchema,
  toObjectId: IdSchema,
  associationRemoved: z.boolean().optional(),
  isPrimaryAssociation: z.boolean().optional(),
});

export const MergeEventSchema = BaseEventSchema.extend({
  subscriptionType: z.enum(['company.merge', 'deal.merge']),
  objectId: IdSchema.optional(),
  primaryObjectId: IdSchema,
  mergedObjectIds: z.array(IdSchema),
  newObjectId: IdSchema.optional(),
  numberOfPropertiesMoved: z.number().optional(),
});

export const WebhookEventSchema = z.discriminatedUnion('subscriptionType', [
  ObjectEventSchema, ContactPropertyEventSchema, AssociationChangeEventSchema, MergeEventSchema,
]);

export type ObjectEvent = z.infer<typeof ObjectEventSchema>;
export type ContactPropertyEvent = z.infer<typeof ContactPropertyEventSchema>;
export type AssociationChangeEvent = z.infer<typeof AssociationChangeEventSchema>;
export type MergeEvent = z.infer<typeof MergeEventSchema>;
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

/** Of contacts, only what account depth needs: the buying role and the links to companies. */
export const CONTACT_SUBSCRIPTION_TYPES = ['contact.propertyChange', 'contact.associationChange'] as const;

export const KNOWN_SUBSCRIPTION_TYPES: ReadonlySet<string> = new Set([
  ...OBJECT_TYPES.flatMap((o) => ['creation', 'deletion', 'restore', 'propertyChange', 'associationChange', 'merge'].map((k) => `${o}.${k}`)),
  ...CONTACT_SUBSCRIPTION_TYPES,
]);

/** The envelope: a JSON array of objects, each naming its subscription type. */
export const WebhookBatchSchema = z.array(z.looseObject({ subscriptionType: z.string() }));

export type ParsedBatch =
  | { ok: true; events: WebhookEvent[]; unknownTypes: Record<string, number> }
  | { ok: false; issues: string[] };

/**
 * Parses a batch body. Events of types we do not handle are counted and skipped; any handled
 * event that fails its schema fails the whole batch (it is dead-lettered whole, never split).
 */
export function parseWebhookBatch(body: string): ParsedBatch {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return { ok: false, issues: [`body is not JSON: ${(err as Error).message}`] };
  }
  const envelope = WebhookBatchSchema.safeParse(json);
  if (!envelope.success) return { ok: false, issues: envelope.error.issues.map(describeIssue) };
  const events: WebhookEvent[] = [];
  const unknownTypes: Record<string, number> = {};
  const issues: string[] = [];
  envelope.data.forEach((raw, index) => {
    if (!KNOWN_SUBSCRIPTION_TYPES.has(raw.subscriptionType)) {
      unknownTypes[raw.subscriptionType] = (unknownTypes[raw.subscriptionType] ?? 0) + 1;
      return;
    }
    const parsed = WebhookEventSchema.safeParse(raw);
    if (parsed.success) events.push(parsed.data);
    else issues.push(...parsed.error.issues.map((i) => `[${index}] ${raw.subscriptionType}: ${describeIssue(i)}`));
  });
  return issues.length ? { ok: false, issues } : { ok: true, events, unknownTypes };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
