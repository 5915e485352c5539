// From store changes to the webhook events HubSpot would send the app (webhooks v3): only for
// subscribed types, propertyChange only for the subscribed property names, ids as numbers on the
// wire, the change's source (INTEGRATION + app id for the app's own writes). An association change
// arrives as two messages, one from each side.
import { COMPANY_INPUT_PROPERTY_NAMES, CONTACT_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES } from '../model/properties.ts';
import { associationKind, singularOf } from './object-types.ts';
import type { ObjectType, StoreChange } from './sandbox-types.ts';

export interface Subscription {
  /** e.g. `company.creation`, `deal.propertyChange` */
  subscriptionType: string;
  /** Required for propertyChange: HubSpot has no wildcard. */
  propertyName?: string;
  active?: boolean;
}

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId?: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource?: string;
  sourceId?: string;
  changeFlag?: string;
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
}

const LIFECYCLE = ['creation', 'deletion', 'restore', 'merge', 'associationChange'] as const;

/**
 * What the app subscribes to: lifecycle events of companies and deals, the model's input
 * properties, and of contacts their buying role and their associations (account depth, §10).
 */
export function defaultSubscriptions(): Subscription[] {
  return [
    ...(['company', 'deal'] as const).flatMap((o) => LIFECYCLE.map((k) => ({ subscriptionType: `${o}.${k}` }))),
    ...COMPANY_INPUT_PROPERTY_NAMES.map((propertyName) => ({ subscriptionType: 'company.propertyChange', propertyName })),
    ...DEAL_INPUT_PROPERTY_NAMES.map((propertyName) => ({ subscriptionType: 'deal.propertyChange', propertyName })),
    { subscriptionType: 'contact.associationChange' },
    ...CONTACT_INPUT_PROPERTY_NAMES.map((propertyName) => ({ subscriptionType: 'contact.propertyChange', propertyName })),
  ];
}

const FLAGS: Partial<Record<StoreChange['kind'], string>> = { creation: 'CREATED', deletion: 'DELETED', restore: 'RESTORED' };
/** Types with legacy webhook subscriptions (`company.*`, `deal.*`, `contact.*`, `line_item.*`, `product.*`). */
const EVENT_TYPES = new Set<ObjectType>(['companies', 'deals', 'contacts', 'line_items', 'products']);

export type EventMapper = (change: StoreChange, portalId: string) => WebhookEvent[];

export function createEventMapper(opts: { appId: string; subscriptions: () => readonly Subscription[]; firstEventId?: number }): EventMapper {
  let nextEventId = opts.firstEventId ?? 1_204_567_001;
  const subscriptionId = (type: string, property?: string): number | undefined => {
    const index = opts.subscriptions().findIndex((s) => s.active !== false && s.subscriptionType === type && (property === undefined || s.propertyName === property));
    return index < 0 ? undefined : 2_980_101 + index;
  };

  return (change, portalId) => {
    const type = change.kind === 'associationChange' ? change.fromType : change.objectType;
    if (!EVENT_TYPES.has(type)) return [];
    const subscriptionType = `${singularOf(type)}.${change.kind}`;
    const id = subscriptionId(subscriptionType, change.kind === 'propertyChange' ? change.propertyName : undefined);
    if (id === undefined) return [];
    const base = {
      eventId: nextEventId++, subscriptionId: id, portalId: Number(portalId), appId: Number(opts.appId), occurredAt: change.occurredAt,
      subscriptionType, attemptNumber: 0, changeSource: change.source.changeSource,
      ...(change.source.sourceId ? { sourceId: change.source.sourceId } : {}),
    };
    switch (change.kind) {
      case 'propertyChange':
        return [{ ...base, objectId: Number(change.objectId), propertyName: change.propertyName, propertyValue: change.propertyValue }];
      case 'associationChange': {
        const associationType = change.associationType ?? associationKind(change.fromType, change.toType)?.webhookName;
        if (!associationType || !EVENT_TYPES.has(change.toType)) return [];
        return [{
          ...base, associationType, fromObjectId: Number(change.fromId), toObjectId: Number(change.toId),
          associationRemoved: change.removed, isPrimaryAssociation: change.primary,
        }];
      }
      case 'merge':
        return [{
          ...base, objectId: Number(change.primaryId), primaryObjectId: Number(change.primaryId), mergedObjectIds: change.mergedIds.map(Number),
          newObjectId: Number(change.newId), numberOfPropertiesMoved: change.propertiesMoved,
        }];
      default:
        return [{ ...base, objectId: Number(change.objectId), changeFlag: FLAGS[change.kind] }];
    }
  };
}
