// From one portal's events to the dirty marks that make the job recompute the right companies.
// Pure: no Redis, no clock. Duplicates collapse; within a batch the latest lifecycle event of an
// id (deleted / merged away / restored), by occurredAt, decides whether it is retired.
import type { DirtyMarks } from '../src/store/dirty-marks.ts';
import type { AssociationChangeEvent, ContactPropertyEvent, MergeEvent, ObjectType, WebhookEvent } from './event-schemas.ts';

export interface MarkOptions {
  portalId: string;
  /** Our own app id: its writes come back as INTEGRATION events and must not cause work (R9). */
  appId: string | undefined;
}

export interface MarkResult {
  marks: DirtyMarks;
  /** Events of this portal that were turned into marks. */
  used: number;
  droppedOwn: number;
  otherPortal: number;
}

type Lifecycle = { state: 'retired' | 'restored'; at: number };

interface Acc {
  companies: Set<string>;
  deals: Set<string>;
  /** Contacts whose buying role changed: their companies are resolved by the flush. */
  contacts: Set<string>;
  /** Companies a contact was linked to or unlinked from: recomputed with their contacts read again. */
  contactCompanies: Set<string>;
  /** Companies whose deal or parent links changed: recomputed with their links read again. */
  linkCompanies: Set<string>;
  companyLife: Map<string, Lifecycle>;
  dealLife: Map<string, Lifecycle>;
}

/** True for the echo of our own write: changeSource INTEGRATION with our app id as sourceId. */
export function isOwnWrite(event: WebhookEvent, appId: string | undefined): boolean {
  return !!appId && event.changeSource === 'INTEGRATION' && event.sourceId === appId;
}

export function eventsToMarks(events: readonly WebhookEvent[], options: MarkOptions): MarkResult {
  const acc: Acc = {
    companies: new Set(), deals: new Set(), contacts: new Set(), contactCompanies: new Set(), linkCompanies: new Set(), companyLife: new Map(), dealLife: new Map(),
  };
  let used = 0, droppedOwn = 0, otherPortal = 0;
  for (const event of events) {
    if (event.portalId !== options.portalId) otherPortal++;
    else if (isOwnWrite(event, options.appId)) droppedOwn++;
    else {
      applyEvent(acc, event);
      used++;
    }
  }
  return { marks: toMarks(acc), used, droppedOwn, otherPortal };
}

function objectTypeOf(event: WebhookEvent): ObjectType | 'contact' {
  return event.subscriptionType.startsWith('company.') ? 'company' : event.subscriptionType.startsWith('contact.') ? 'contact' : 'deal';
}

/** A contact linked to or unlinked from a company, sent from either side. */
const CONTACT_LINKS = new Set(['COMPANY_TO_CONTACT', 'CONTACT_TO_COMPANY']);

const isMerge = (e: WebhookEvent): e is MergeEvent => e.subscriptionType.endsWith('.merge');
const isAssociation = (e: WebhookEvent): e is AssociationChangeEvent => e.subscriptionType.endsWith('.associationChange');

function applyEvent(acc: Acc, event: WebhookEvent): void {
  const type = objectTypeOf(event);
  if (type === 'contact' || (isAssociation(event) && CONTACT_LINKS.has(event.associationType))) {
    // A buying role marks the contact (the flush finds its companies in one batch read per 1,000
    // contacts); a link to a company names the company itself, whose contacts are read again.
    if (isAssociation(event)) associationSides(event).forEach(([, id]) => acc.contactCompanies.add(id));
    else if (event.subscriptionType === 'contact.propertyChange') acc.contacts.add((event as ContactPropertyEvent).objectId);
    return;
  }
  const touch = (t: ObjectType, id: string): void => void (t === 'company' ? acc.companies : acc.deals).add(id);
  const life = (id: string, state: Lifecycle['state']): void => {
    const map = type === 'company' ? acc.companyLife : acc.dealLife;
    const previous = map.get(id);
    if (!previous || previous.at <= event.occurredAt) map.set(id, { state, at: event.occurredAt });
  };
  if (isAssociation(event)) {
    // A company on either side has its links read again (its stored ones are out of date).
    associationSides(event).forEach(([t, id]) => (t === 'company' ? acc.linkCompanies.add(id) : touch(t, id)));
  } else if (isMerge(event)) {
    const { survivor, retired } = mergeOutcome(event);
    // The merged records' links move onto the survivor.
    if (type === 'company') acc.linkCompanies.add(survivor);
    else touch(type, survivor);
    retired.forEach((id) => life(id, 'retired'));
  } else if (event.subscriptionType.endsWith('.deletion')) {
    life(event.objectId, 'retired');
  } else if (event.subscriptionType.endsWith('.restore')) {
    life(event.objectId, 'restored');
  } else {
    touch(type, event.objectId);
  }
}

/** Survivor: newObjectId when HubSpot created a new record, else the primary. Everything else is gone. */
export function mergeOutcome(event: MergeEvent): { survivor: string; retired: string[] } {
  const survivor = event.newObjectId ?? event.primaryObjectId;
  const gone = new Set([...event.mergedObjectIds, event.primaryObjectId]);
  gone.delete(survivor);
  return { survivor, retired: [...gone] };
}

// Which side of an association is which kind of object. A parent link marks both companies (the
// child's old and new group: removing the old link and adding the new one are two changes, each
// sent from both sides). A contact's link marks its company only. Unlisted types (line items…)
// still touch the subscribed object, which is the "from" side, unless that is a contact.
const SIDES: Record<string, [ObjectType | null, ObjectType | null]> = {
  COMPANY_TO_DEAL: ['company', 'deal'],
  DEAL_TO_COMPANY: ['deal', 'company'],
  PARENT_TO_CHILD_COMPANY: ['company', 'company'],
  CHILD_TO_PARENT_COMPANY: ['company', 'company'],
  COMPANY_TO_CONTACT: ['company', null],
  CONTACT_TO_COMPANY: [null, 'company'],
};

export function associationSides(event: AssociationChangeEvent): [ObjectType, string][] {
  const own = objectTypeOf(event);
  const [from, to] = SIDES[event.associationType] ?? [own === 'contact' ? null : own, null];
  const sides: [ObjectType, string][] = [];
  if (from) sides.push([from, event.fromObjectId]);
  if (to) sides.push([to, event.toObjectId]);
  return sides;
}

function toMarks(acc: Acc): DirtyMarks {
  const split = (life: Map<string, Lifecycle>, state: Lifecycle['state']): string[] =>
    [...life].filter(([, l]) => l.state === state).map(([id]) => id);
  const companyRetired = split(acc.companyLife, 'retired');
  const companyRestored = split(acc.companyLife, 'restored');
  const dealDeleted = split(acc.dealLife, 'retired');
  const dealRestored = split(acc.dealLife, 'restored');
  const without = (ids: Set<string>, life: Map<string, Lifecycle>): string[] => [...ids].filter((id) => !life.has(id));
  return {
    companyIds: without(acc.companies, acc.companyLife),
    restoredCompanyIds: companyRestored,
    retiredCompanyIds: companyRetired,
    dealIds: without(acc.deals, acc.dealLife),
    deletedDealIds: dealDeleted,
    restoredDealIds: dealRestored,
    contactIds: [...acc.contacts],
    contactCompanyIds: [...acc.contactCompanies],
    linkCompanyIds: without(acc.linkCompanies, acc.companyLife),
  };
}
