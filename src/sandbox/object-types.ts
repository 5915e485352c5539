// Names HubSpot uses for the same object type in different places (path segment, object type id,
// webhook prefix, upper-case association names), and the HUBSPOT_DEFINED association type ids.
import { OBJECT_TYPES, SandboxError, type ObjectType } from './sandbox-types.ts';

const SINGULAR: Record<ObjectType, string> = { companies: 'company', deals: 'deal', tasks: 'task', contacts: 'contact', line_items: 'line_item', products: 'product' };
const TYPE_IDS: Record<ObjectType, string> = { companies: '0-2', deals: '0-3', tasks: '0-27', contacts: '0-1', line_items: '0-8', products: '0-7' };

/** `companies`, `company`, `COMPANY` or `0-2` → `companies`; undefined for a type the sandbox lacks. */
export function objectTypeOf(segment: string): ObjectType | undefined {
  const s = segment.toLowerCase();
  return OBJECT_TYPES.find((t) => t === s || SINGULAR[t] === s || TYPE_IDS[t] === s);
}

/** Like objectTypeOf, refusing an unknown type as HubSpot does (400). */
export function requireObjectType(segment: string): ObjectType {
  const type = objectTypeOf(segment);
  if (!type) throw new SandboxError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${segment}`);
  return type;
}

export const singularOf = (type: ObjectType): string => SINGULAR[type];
export const objectTypeIdOf = (type: ObjectType): string => TYPE_IDS[type];

export interface AssociationKind {
  unlabeled: number;
  /** Type id of the primary association (deal or contact → company, and back). */
  primary?: number;
  /** v3 `associations` type name (primary form; unlabeled adds `_unlabeled` when there is a primary). */
  v3Name: string;
  /** associationType on webhook events. */
  webhookName: string;
}

// From HubSpot's association type id table (hubspot.md): company→deal 342, deal→company 341,
// primary deal→company 5 (and company→deal 6), task→company 192, company→task 191, task→deal 216,
// contact→company 279 (primary 1), company→contact 280 (primary 2), deal→line item 19, line item→deal 20.
const KINDS: Record<string, AssociationKind> = {
  'contacts>companies': { unlabeled: 279, primary: 1, v3Name: 'contact_to_company', webhookName: 'CONTACT_TO_COMPANY' },
  'companies>contacts': { unlabeled: 280, primary: 2, v3Name: 'company_to_contact', webhookName: 'COMPANY_TO_CONTACT' },
  'deals>line_items': { unlabeled: 19, v3Name: 'deal_to_line_item', webhookName: 'DEAL_TO_LINE_ITEM' },
  'line_items>deals': { unlabeled: 20, v3Name: 'line_item_to_deal', webhookName: 'LINE_ITEM_TO_DEAL' },
  'companies>deals': { unlabeled: 342, primary: 6, v3Name: 'company_to_deal', webhookName: 'COMPANY_TO_DEAL' },
  'deals>companies': { unlabeled: 341, primary: 5, v3Name: 'deal_to_company', webhookName: 'DEAL_TO_COMPANY' },
  'tasks>companies': { unlabeled: 192, v3Name: 'task_to_company', webhookName: 'TASK_TO_COMPANY' },
  'companies>tasks': { unlabeled: 191, v3Name: 'company_to_task', webhookName: 'COMPANY_TO_TASK' },
  'tasks>deals': { unlabeled: 216, v3Name: 'task_to_deal', webhookName: 'TASK_TO_DEAL' },
  'deals>tasks': { unlabeled: 215, v3Name: 'deal_to_task', webhookName: 'DEAL_TO_TASK' },
};

export function associationKind(from: ObjectType, to: ObjectType): AssociationKind | undefined {
  return KINDS[`${from}>${to}`];
}

/**
 * Parent and child companies: one labelled pair of the same type, so the direction is part of the
 * link (hubspot.md): 13 parent → child, 14 child → parent; `parent_to_child_company` and
 * `child_to_parent_company` in v3 reads. The v4 labels are an assumption (HubSpot's label list for
 * company → company names the other side: "Child Company" on 13, "Parent Company" on 14).
 */
export const PARENT_LINK = {
  toChild: { typeId: 13, label: 'Child Company', v3Name: 'parent_to_child_company', webhookName: 'PARENT_TO_CHILD_COMPANY' },
  toParent: { typeId: 14, label: 'Parent Company', v3Name: 'child_to_parent_company', webhookName: 'CHILD_TO_PARENT_COMPANY' },
} as const;

/** The pair of types a HUBSPOT_DEFINED type id links, seen from `from`; undefined when it does not start there. */
export function targetOfTypeId(from: ObjectType, typeId: number): { to: ObjectType; primary: boolean; parentLink?: 'toChild' | 'toParent' } | undefined {
  if (from === 'companies' && typeId === PARENT_LINK.toChild.typeId) return { to: 'companies', primary: false, parentLink: 'toChild' };
  if (from === 'companies' && typeId === PARENT_LINK.toParent.typeId) return { to: 'companies', primary: false, parentLink: 'toParent' };
  for (const to of OBJECT_TYPES) {
    const kind = associationKind(from, to);
    if (kind?.unlabeled === typeId) return { to, primary: false };
    if (kind?.primary === typeId) return { to, primary: true };
  }
  return undefined;
}
