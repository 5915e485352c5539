// The seeding and inspection API of a sandbox portal: what a user would do in HubSpot's UI
// (create, edit, associate, delete, restore, merge companies and deals; contacts and their
// companies, parent companies (`setParent`), products and line items), each firing the webhook
// events a real portal would, marked CRM_UI unless another source is given; plus plain reads for
// tests and a fast, silent bulk load for seeding large portfolios.
import { CrmStore, type WriteOptions } from './crm-store.ts';
import type { ObjectType, StoredRecord } from './sandbox-types.ts';

export interface RecordView {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** Helpers may set calculated values (a test can mark a deal won directly), unlike the API. */
const UI: WriteOptions = { allowReadOnly: true };
const view = (r: StoredRecord | undefined): RecordView | undefined =>
  r && { id: r.id, properties: { ...r.properties }, createdAt: r.createdAt, updatedAt: r.updatedAt };

export class SandboxStore extends CrmStore {
  createCompany(properties: Record<string, unknown>, opts: WriteOptions & { id?: string } = {}): RecordView {
    return view(this.create('companies', properties, { ...UI, ...opts })) as RecordView;
  }

  /** Creates a deal, associated with `companyIds` (the first one primary). */
  createDeal(properties: Record<string, unknown>, opts: WriteOptions & { id?: string; companyIds?: readonly string[] } = {}): RecordView {
    const deal = this.create('deals', properties, { ...UI, ...opts });
    for (const companyId of opts.companyIds ?? []) this.associate({ dealId: deal.id, companyId }, opts);
    return view(deal) as RecordView;
  }

  updateCompany(id: string, properties: Record<string, unknown>, opts: WriteOptions = {}): RecordView {
    return view(this.update('companies', id, properties, { ...UI, ...opts })) as RecordView;
  }

  updateDeal(id: string, properties: Record<string, unknown>, opts: WriteOptions = {}): RecordView {
    return view(this.update('deals', id, properties, { ...UI, ...opts })) as RecordView;
  }

  updateTask(id: string, properties: Record<string, unknown>, opts: WriteOptions = {}): RecordView {
    return view(this.update('tasks', id, properties, { ...UI, ...opts })) as RecordView;
  }

  /** Links a deal and a company; the deal's first company becomes its primary one unless `primary` says otherwise. */
  associate(pair: { dealId: string; companyId: string }, opts: WriteOptions & { primary?: boolean } = {}): boolean {
    return this.link({ fromType: 'deals', fromId: pair.dealId, toType: 'companies', toId: pair.companyId }, opts);
  }

  dissociate(pair: { dealId: string; companyId: string }, opts: WriteOptions = {}): boolean {
    return this.unlink({ fromType: 'deals', fromId: pair.dealId, toType: 'companies', toId: pair.companyId }, opts);
  }

  /** Creates a contact, associated with `companyIds` (the first one its primary company). */
  createContact(properties: Record<string, unknown>, opts: WriteOptions & { id?: string; companyIds?: readonly string[] } = {}): RecordView {
    const contact = this.create('contacts', properties, { ...UI, ...opts });
    for (const companyId of opts.companyIds ?? []) this.associateContact({ contactId: contact.id, companyId }, opts);
    return view(contact) as RecordView;
  }

  /** Changes a contact (e.g. its buying roles: `{ hs_buying_role: 'CHAMPION;DECISION_MAKER' }`), firing the webhooks HubSpot would. */
  updateContact(id: string, properties: Record<string, unknown>, opts: WriteOptions = {}): RecordView {
    return view(this.update('contacts', id, properties, { ...UI, ...opts })) as RecordView;
  }

  associateContact(pair: { contactId: string; companyId: string }, opts: WriteOptions & { primary?: boolean } = {}): boolean {
    return this.link({ fromType: 'contacts', fromId: pair.contactId, toType: 'companies', toId: pair.companyId }, opts);
  }

  dissociateContact(pair: { contactId: string; companyId: string }, opts: WriteOptions = {}): boolean {
    return this.unlink({ fromType: 'contacts', fromId: pair.contactId, toType: 'companies', toId: pair.companyId }, opts);
  }

  createProduct(properties: Record<string, unknown>, opts: WriteOptions & { id?: string } = {}): RecordView {
    return view(this.create('products', properties, { ...UI, ...opts })) as RecordView;
  }

  updateProduct(id: string, properties: Record<string, unknown>, opts: WriteOptions = {}): RecordView {
    return view(this.update('products', id, properties, { ...UI, ...opts })) as RecordView;
  }

  /** Creates a line item on a deal (HubSpot's line items belong to one deal). */
  createLineItem(properties: Record<string, unknown>, opts: WriteOptions & { id?: string; dealId: string }): RecordView {
    const item = this.create('line_items', properties, { ...UI, ...opts });
    this.link({ fromType: 'deals', fromId: opts.dealId, toType: 'line_items', toId: item.id }, opts);
    return view(item) as RecordView;
  }

  getContact(id: string): RecordView | undefined {
    return view(this.get('contacts', id));
  }

  /** The parent company of a company (undefined for a top company). */
  parentIdOf(companyId: string): string | undefined {
    return this.associations.parentOf(companyId);
  }

  childIdsOf(companyId: string): string[] {
    return this.associations.list('companies', companyId, 'companies').filter((id) => this.associations.parentOf(id) === companyId);
  }

  contactIdsOf(companyId: string): string[] {
    return [...this.associations.list('companies', companyId, 'contacts')];
  }

  companyIdsOfContact(contactId: string): string[] {
    return [...this.associations.list('contacts', contactId, 'companies')];
  }

  lineItemIdsOf(dealId: string): string[] {
    return [...this.associations.list('deals', dealId, 'line_items')];
  }

  deleteCompany(id: string, opts: WriteOptions = {}): boolean {
    return this.archive('companies', id, opts);
  }

  deleteDeal(id: string, opts: WriteOptions = {}): boolean {
    return this.archive('deals', id, opts);
  }

  restoreCompany(id: string, opts: WriteOptions = {}): RecordView {
    return view(this.restore('companies', id, opts)) as RecordView;
  }

  restoreDeal(id: string, opts: WriteOptions = {}): RecordView {
    return view(this.restore('deals', id, opts)) as RecordView;
  }

  mergeCompanies(primaryId: string, mergedId: string, opts: WriteOptions = {}): RecordView {
    return view(this.merge('companies', primaryId, mergedId, opts)) as RecordView;
  }

  getCompany(id: string): RecordView | undefined {
    return view(this.get('companies', id));
  }

  getDeal(id: string): RecordView | undefined {
    return view(this.get('deals', id));
  }

  getTask(id: string): RecordView | undefined {
    return view(this.get('tasks', id));
  }

  /** Every live record of a type, as copies (for assertions; use `count` for sizes). */
  all(type: ObjectType): RecordView[] {
    return [...this.table(type).values()].map((r) => view(r) as RecordView);
  }

  count(type: ObjectType): number {
    return this.table(type).size;
  }

  dealIdsOf(companyId: string): string[] {
    return [...this.associations.list('companies', companyId, 'deals')];
  }

  companyIdsOf(dealId: string): string[] {
    return [...this.associations.list('deals', dealId, 'companies')];
  }

  taskIdsOf(companyId: string): string[] {
    return [...this.associations.list('companies', companyId, 'tasks')];
  }

  /**
   * Seeding fast path: stores a record as given (values already strings, no validation, no events),
   * adding HubSpot's system properties. The caller guarantees the id is new.
   */
  load(type: ObjectType, id: string, properties: Record<string, string>, at: string): void {
    properties.hs_object_id = id;
    properties[type === 'tasks' ? 'hs_createdate' : 'createdate'] ??= at;
    properties.hs_lastmodifieddate ??= at;
    this.table(type).insert({ id, properties, createdAt: at, updatedAt: at });
  }
}
