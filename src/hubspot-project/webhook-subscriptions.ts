// The webhook subscriptions HubSpot gets, derived rather than listed: one per event type the manifest
// names, and for `*.propertyChange` one per property the model reads (a subscription names exactly
// one property; there is no wildcard). Subscribing to our own output properties would make every
// write we do come back as a webhook and recompute the company again, so those are refused.
import { COMPANY_INPUT_PROPERTY_NAMES, CONTACT_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES, DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES, OUTPUT_PROPERTY_NAMES } from '../model/properties.ts';

/**
 * The `legacyCrmObjects` form (`company.propertyChange`), not `crmObjects` (`object.propertyChange`
 * with an objectType): HubSpot delivers the generic form with subscriptionType `object.*` and an
 * objectTypeId, which the receiver does not parse, so every such event would be skipped.
 */
export interface LegacySubscription {
  subscriptionType: string;
  propertyName?: string;
  active: true;
}

export interface SubscriptionRules {
  /** The subscription types the receiver parses (webhooks/event-schemas.ts). */
  handledTypes: ReadonlySet<string>;
  /** Per object type, the properties whose change must trigger a recompute. */
  inputProperties: Readonly<Record<string, readonly string[]>>;
  /** Properties that must never be subscribed to. */
  forbiddenProperties: ReadonlySet<string>;
}

/** The model's inputs and outputs as subscription rules; the receiver's types come from the caller. */
export function modelSubscriptionRules(handledTypes: ReadonlySet<string>): SubscriptionRules {
  return {
    handledTypes,
    // Of a contact only its buying roles (§10): its company links come as contact.associationChange.
    // A company's group purchasing and stage override (§8, §10) count as inputs as soon as they change.
    inputProperties: {
      company: [...COMPANY_INPUT_PROPERTY_NAMES, ...DEPTH_INPUT_PROPERTIES.map((p) => p.name)],
      deal: DEAL_INPUT_PROPERTY_NAMES,
      contact: CONTACT_INPUT_PROPERTY_NAMES,
    },
    forbiddenProperties: new Set([...OUTPUT_PROPERTY_NAMES, ...DEPTH_OUTPUT_PROPERTIES.map((p) => p.name)]),
  };
}

export class SubscriptionError extends Error {
  constructor(readonly problems: string[]) {
    super(`webhook subscriptions refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SubscriptionError';
  }
}

/** Expands the manifest's types into HubSpot subscriptions; throws naming every problem at once. */
export function legacySubscriptions(types: readonly string[], rules: SubscriptionRules): LegacySubscription[] {
  const problems: string[] = [];
  const out: LegacySubscription[] = [];
  for (const subscriptionType of types) {
    if (!rules.handledTypes.has(subscriptionType)) {
      problems.push(`${subscriptionType}: the webhook receiver does not handle it`);
      continue;
    }
    if (!subscriptionType.endsWith('.propertyChange')) {
      out.push({ subscriptionType, active: true });
      continue;
    }
    const objectType = subscriptionType.slice(0, subscriptionType.indexOf('.'));
    const properties = rules.inputProperties[objectType];
    if (!properties || properties.length === 0) {
      problems.push(`${subscriptionType}: no input properties are known for ${objectType}`);
      continue;
    }
    for (const propertyName of new Set(properties)) {
      if (rules.forbiddenProperties.has(propertyName)) problems.push(`${subscriptionType}: ${propertyName} is one of our outputs`);
      else out.push({ subscriptionType, propertyName, active: true });
    }
  }
  if (problems.length > 0) throw new SubscriptionError(problems);
  return out;
}
