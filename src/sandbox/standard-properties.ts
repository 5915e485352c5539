// The HubSpot-defined properties and groups a fresh portal has for the object types the app uses,
// trimmed to what the app and its tests touch. Calculated ones (deal flags, task completion) are
// read-only through the API, as in HubSpot; the sandbox computes some of them (deal-stages.ts).
import type { ObjectType } from './sandbox-types.ts';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface SandboxProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  /** Absent on HubSpot-defined properties (as HubSpot lists them). */
  archived?: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined?: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  formField: boolean;
  dataSensitivity?: string;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

type Kind = 'text' | 'textarea' | 'number' | 'datetime' | 'bool' | 'enum' | 'multi' | 'owner';
interface Spec {
  name: string;
  kind: Kind;
  group: string;
  readOnly?: boolean;
  values?: readonly string[];
}

const STANDARD_DATE = '2019-08-06T02:41:08.029Z';
const FIELD: Record<Kind, [type: string, fieldType: string]> = {
  text: ['string', 'text'],
  textarea: ['string', 'textarea'],
  number: ['number', 'number'],
  datetime: ['datetime', 'date'],
  bool: ['bool', 'booleancheckbox'],
  enum: ['enumeration', 'select'],
  // A multiple checkboxes property: values are `;`-separated option values.
  multi: ['enumeration', 'checkbox'],
  owner: ['enumeration', 'select'],
};

const labelOf = (name: string): string => name.replace(/^hs_/, '').split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
const optionsOf = (values: readonly string[]): PropertyOption[] =>
  values.map((value, i) => ({ label: labelOf(value.toLowerCase()), value, displayOrder: i, hidden: false }));

function toProperty(spec: Spec, index: number): SandboxProperty {
  const [type, fieldType] = FIELD[spec.kind];
  return {
    updatedAt: STANDARD_DATE, createdAt: STANDARD_DATE, name: spec.name, label: labelOf(spec.name), type, fieldType,
    description: '', groupName: spec.group,
    options: spec.kind === 'bool' ? optionsOf(['true', 'false']) : optionsOf(spec.values ?? []),
    displayOrder: index, calculated: !!spec.readOnly, externalOptions: spec.kind === 'owner',
    hasUniqueValue: spec.name === 'hs_object_id', hidden: false, hubspotDefined: true,
    modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: !!spec.readOnly },
    formField: !spec.readOnly,
  };
}

const INDUSTRIES = [
  'ACCOUNTING', 'AUTOMOTIVE', 'BANKING', 'COMPUTER_SOFTWARE', 'COMPUTER_HARDWARE', 'CONSTRUCTION', 'CONSUMER_GOODS',
  'EDUCATION_MANAGEMENT', 'FINANCIAL_SERVICES', 'FOOD_BEVERAGES', 'GOVERNMENT_ADMINISTRATION', 'HOSPITAL_HEALTH_CARE',
  'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INSURANCE', 'LOGISTICS_AND_SUPPLY_CHAIN', 'MACHINERY', 'MANAGEMENT_CONSULTING',
  'MECHANICAL_OR_INDUSTRIAL_ENGINEERING', 'OIL_ENERGY', 'PHARMACEUTICALS', 'REAL_ESTATE', 'RETAIL', 'TELECOMMUNICATIONS', 'UTILITIES',
];
export const DEAL_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'];
const common = (group: string): Spec[] => [
  { name: 'createdate', kind: 'datetime', group },
  { name: 'hs_lastmodifieddate', kind: 'datetime', group, readOnly: true },
  { name: 'hs_object_id', kind: 'number', group, readOnly: true },
  { name: 'hubspot_owner_id', kind: 'owner', group },
];

/** HubSpot's buying roles (hubspot.md): a contact may hold several, `;`-separated. */
export const BUYING_ROLES = ['BLOCKER', 'BUDGET_HOLDER', 'CHAMPION', 'DECISION_MAKER', 'END_USER', 'EXECUTIVE_SPONSOR', 'INFLUENCER', 'LEGAL_AND_COMPLIANCE', 'OTHER'];

const SPECS: Record<ObjectType, Spec[]> = {
  companies: [
    ...common('companyinformation'),
    ...(['name', 'domain', 'city', 'country', 'phone'] as const).map((name): Spec => ({ name, kind: 'text', group: 'companyinformation' })),
    { name: 'description', kind: 'textarea', group: 'companyinformation' },
    { name: 'annualrevenue', kind: 'number', group: 'companyinformation' },
    { name: 'numberofemployees', kind: 'number', group: 'companyinformation' },
    { name: 'industry', kind: 'enum', group: 'companyinformation', values: INDUSTRIES },
    { name: 'lifecyclestage', kind: 'enum', group: 'companyinformation', values: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'] },
    { name: 'hs_is_target_account', kind: 'bool', group: 'companyinformation' },
    { name: 'hs_ideal_customer_profile', kind: 'enum', group: 'companyinformation', values: ['tier_1', 'tier_2', 'tier_3'] },
    { name: 'hs_parent_company_id', kind: 'number', group: 'companyinformation' },
    { name: 'hs_num_open_deals', kind: 'number', group: 'companyinformation', readOnly: true },
    { name: 'total_revenue', kind: 'number', group: 'companyinformation', readOnly: true },
    { name: 'num_associated_contacts', kind: 'number', group: 'companyinformation', readOnly: true },
  ],
  deals: [
    ...common('dealinformation'),
    { name: 'dealname', kind: 'text', group: 'dealinformation' },
    { name: 'description', kind: 'textarea', group: 'dealinformation' },
    { name: 'amount', kind: 'number', group: 'dealinformation' },
    { name: 'closedate', kind: 'datetime', group: 'dealinformation' },
    { name: 'pipeline', kind: 'enum', group: 'dealinformation', values: ['default'] },
    { name: 'dealstage', kind: 'enum', group: 'dealinformation', values: DEAL_STAGES },
    { name: 'dealtype', kind: 'enum', group: 'dealinformation', values: ['newbusiness', 'existingbusiness'] },
    ...(['amount_in_home_currency', 'hs_deal_stage_probability', 'hs_projected_amount'] as const).map((name): Spec => ({ name, kind: 'number', group: 'dealinformation', readOnly: true })),
    ...(['hs_is_closed_won', 'hs_is_closed', 'hs_is_closed_lost'] as const).map((name): Spec => ({ name, kind: 'bool', group: 'dealinformation', readOnly: true })),
  ],
  tasks: [
    { name: 'hs_createdate', kind: 'datetime', group: 'taskinformation', readOnly: true },
    ...common('taskinformation').filter((s) => s.name !== 'createdate'),
    { name: 'hs_task_subject', kind: 'text', group: 'taskinformation' },
    { name: 'hs_task_body', kind: 'textarea', group: 'taskinformation' },
    { name: 'hs_task_status', kind: 'enum', group: 'taskinformation', values: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'] },
    { name: 'hs_task_priority', kind: 'enum', group: 'taskinformation', values: ['NONE', 'LOW', 'MEDIUM', 'HIGH'] },
    { name: 'hs_task_type', kind: 'enum', group: 'taskinformation', values: ['TODO', 'CALL', 'EMAIL', 'LINKED_IN', 'MEETING'] },
    { name: 'hs_timestamp', kind: 'datetime', group: 'taskinformation' },
    { name: 'hs_task_completion_date', kind: 'datetime', group: 'taskinformation', readOnly: true },
    { name: 'hs_task_is_completed', kind: 'number', group: 'taskinformation', readOnly: true },
    ...(['hs_object_source', 'hs_object_source_id', 'hs_object_source_label'] as const).map((name): Spec => ({ name, kind: 'text', group: 'taskinformation', readOnly: true })),
  ],
  contacts: [
    ...common('contactinformation'),
    ...(['firstname', 'lastname', 'email', 'jobtitle'] as const).map((name): Spec => ({ name, kind: 'text', group: 'contactinformation' })),
    { name: 'hs_buying_role', kind: 'multi', group: 'contactinformation', values: BUYING_ROLES },
  ],
  line_items: [
    ...common('lineiteminformation'),
    { name: 'name', kind: 'text', group: 'lineiteminformation' },
    { name: 'hs_product_id', kind: 'number', group: 'lineiteminformation' },
    { name: 'quantity', kind: 'number', group: 'lineiteminformation' },
    { name: 'price', kind: 'number', group: 'lineiteminformation' },
    // HubSpot calculates a line item's amount (quantity × price, less discounts); the sandbox keeps what it is given.
    { name: 'amount', kind: 'number', group: 'lineiteminformation' },
  ],
  products: [
    ...common('productinformation'),
    { name: 'name', kind: 'text', group: 'productinformation' },
    { name: 'description', kind: 'textarea', group: 'productinformation' },
    { name: 'price', kind: 'number', group: 'productinformation' },
    { name: 'hs_sku', kind: 'text', group: 'productinformation' },
  ],
};

const GROUPS: Record<ObjectType, Array<[name: string, label: string]>> = {
  companies: [['companyinformation', 'Company information'], ['social_media_information', 'Social media information']],
  deals: [['dealinformation', 'Deal information'], ['deal_activity', 'Deal activity']],
  tasks: [['taskinformation', 'Task information']],
  contacts: [['contactinformation', 'Contact information']],
  line_items: [['lineiteminformation', 'Line item information']],
  products: [['productinformation', 'Product information']],
};

export function standardProperties(type: ObjectType): SandboxProperty[] {
  return SPECS[type].map(toProperty);
}

export function standardGroups(type: ObjectType): SandboxGroup[] {
  return GROUPS[type].map(([name, label], i) => ({ name, label, displayOrder: i, archived: false }));
}
