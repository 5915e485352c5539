// An in-memory CRM behind the jobs' CrmPort, for processor logic tests. It keeps HubSpot's rules
// that matter to the jobs (batch limits, values as strings, missing ids omitted) and counts calls.
import type { LineItemInput, RecordInput } from '../../src/model/index.ts';
import type { CompanyPage, CrmPort, KeyedPlay } from '../../jobs/crm-port.ts';

/** A task as HubSpot holds it: the play's kind is ours, HubSpot keeps only the play key. */
export interface MemoryTask extends Omit<KeyedPlay, 'kind'> {
  id: string;
  status: 'NOT_STARTED' | 'COMPLETED';
}

export class MemoryCrm implements CrmPort {
  companies = new Map<string, Record<string, string | null | undefined>>();
  deals = new Map<string, Record<string, string | null | undefined>>();
  /** deal id → company ids */
  links = new Map<string, Set<string>>();
  /** child company id → parent company id (HubSpot's type 14 association). */
  parents = new Map<string, string>();
  contacts = new Map<string, Record<string, string | null | undefined>>();
  /** contact id → company ids */
  contactLinks = new Map<string, Set<string>>();
  lineItems = new Map<string, Record<string, string | null | undefined>>();
  /** deal id → line item ids */
  dealItems = new Map<string, string[]>();
  products = new Map<string, Record<string, string | null | undefined>>();
  tasks: MemoryTask[] = [];
  calls: Record<string, number> = {};
  /** Set to make the next createTasks call create the tasks and then throw (a crash after the write). */
  crashAfterCreate = false;

  private count(kind: string, size: number, limit: number): void {
    if (size > limit) throw new Error(`${kind}: ${size} inputs over the limit of ${limit}`);
    this.calls[kind] = (this.calls[kind] ?? 0) + 1;
  }

  totalCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  link(dealId: string, companyId: string): void {
    (this.links.get(dealId) ?? this.links.set(dealId, new Set()).get(dealId)!).add(companyId);
  }

  private read(store: Map<string, Record<string, string | null | undefined>>, ids: readonly string[], props: readonly string[]): RecordInput[] {
    return ids.flatMap((id) => {
      const p = store.get(id);
      return p ? [{ id, properties: Object.fromEntries(props.map((k) => [k, p[k] ?? null])) }] : [];
    });
  }

  async readCompanies(ids: readonly string[], props: readonly string[]): Promise<RecordInput[]> {
    this.count('companies.read', ids.length, 100);
    return this.read(this.companies, ids, props);
  }

  /** A batch read of 100 ids a call, as HubSpot's. */
  private readInBatches(kind: string, store: Map<string, Record<string, string | null | undefined>>, ids: readonly string[], props: readonly string[]): RecordInput[] {
    const out: RecordInput[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      this.count(kind, Math.min(100, ids.length - i), 100);
      out.push(...this.read(store, ids.slice(i, i + 100), props));
    }
    return out;
  }

  async readDeals(ids: readonly string[], props: readonly string[]): Promise<RecordInput[]> {
    return this.readInBatches('deals.read', this.deals, ids, props);
  }

  async companyIdsForDeals(dealIds: readonly string[]): Promise<Map<string, string[]>> {
    this.count('associations.read', dealIds.length, 1000);
    return new Map(dealIds.filter((d) => this.deals.has(d)).map((d) => [d, [...(this.links.get(d) ?? [])]]));
  }

  async dealIdsForCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>> {
    this.count('associations.read', companyIds.length, 1000);
    const out = new Map<string, string[]>(companyIds.map((c) => [c, []]));
    for (const [dealId, companies] of this.links) {
      if (!this.deals.has(dealId)) continue;
      for (const c of companies) out.get(c)?.push(dealId);
    }
    return out;
  }

  async *pageCompanies(props: readonly string[]): AsyncIterable<CompanyPage> {
    const ids = [...this.companies.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      this.count('companies.page', 100, 100);
      const page = ids.slice(i, i + 100);
      const dealIds = await this.dealIdsForCompaniesFree(page);
      yield { companies: this.read(this.companies, page, props), dealIds };
    }
  }

  private async dealIdsForCompaniesFree(ids: string[]): Promise<Map<string, string[]>> {
    const before = this.calls['associations.read'] ?? 0;
    const result = await this.dealIdsForCompanies(ids);
    this.calls['associations.read'] = before; // a page carries its associations: no extra call
    return result;
  }

  async companyParents(companyIds: readonly string[]): Promise<Map<string, string | null>> {
    for (let i = 0; i < companyIds.length; i += 1000) this.count('associations.read', Math.min(1000, companyIds.length - i), 1000);
    return new Map(companyIds.map((id) => [id, this.parents.get(id) ?? null]));
  }

  linkContact(contactId: string, companyId: string): void {
    (this.contactLinks.get(contactId) ?? this.contactLinks.set(contactId, new Set()).get(contactId)!).add(companyId);
  }

  async companyContacts(companyIds: readonly string[], props: readonly string[]): Promise<Map<string, RecordInput[]>> {
    this.count('associations.read', companyIds.length, 1000);
    const byCompany = new Map(companyIds.map((c) => [c, [...this.contactLinks].filter(([id, cs]) => cs.has(c) && this.contacts.has(id)).map(([id]) => id)]));
    const ids = [...new Set([...byCompany.values()].flat())];
    const records = new Map(this.readInBatches('contacts.read', this.contacts, ids, props).map((r) => [r.id, r]));
    return new Map([...byCompany].map(([c, cs]) => [c, cs.flatMap((id) => records.get(id) ?? [])]));
  }

  async companyIdsForContacts(contactIds: readonly string[]): Promise<Map<string, string[]>> {
    this.count('associations.read', contactIds.length, 1000);
    return new Map(contactIds.map((id) => [id, this.contacts.has(id) ? [...(this.contactLinks.get(id) ?? [])] : []]));
  }

  async dealLineItems(dealIds: readonly string[], itemProps: readonly string[]): Promise<Map<string, LineItemInput[]>> {
    this.count('associations.read', dealIds.length, 1000);
    const ids = [...new Set(dealIds.flatMap((d) => this.dealItems.get(d) ?? []))].filter((id) => this.lineItems.has(id));
    const items = new Map(this.readInBatches('line_items.read', this.lineItems, ids, [...itemProps, 'hs_product_id']).map((r) => [r.id, r]));
    return new Map(dealIds.map((d) => [d, (this.dealItems.get(d) ?? []).flatMap((id) => {
      const item = items.get(id);
      return item ? [{ ...item, product: null }] : [];
    })]));
  }

  async readProducts(ids: readonly string[], props: readonly string[]): Promise<RecordInput[]> {
    return this.readInBatches('products.read', this.products, ids, props);
  }

  async updateCompanies(updates: readonly { id: string; properties: Record<string, string> }[]): Promise<{ failed: { id: string; message: string }[] }> {
    const failed: { id: string; message: string }[] = [];
    for (let i = 0; i < updates.length; i += 100) {
      this.count('companies.update', Math.min(100, updates.length - i), 100);
      for (const u of updates.slice(i, i + 100)) {
        const current = this.companies.get(u.id);
        if (!current) failed.push({ id: u.id, message: 'not found' });
        else Object.assign(current, u.properties);
      }
    }
    return { failed };
  }

  async createTasks(tasks: readonly KeyedPlay[]): Promise<{ created: Map<string, string>; failed: { playKey: string; message: string }[] }> {
    this.count('tasks.create', tasks.length, 100);
    const created = new Map<string, string>();
    for (const t of tasks) {
      const id = String(900_000 + this.tasks.length);
      this.tasks.push({ ...t, id, status: 'NOT_STARTED' });
      created.set(t.playKey, id);
    }
    if (this.crashAfterCreate) {
      this.crashAfterCreate = false;
      throw new Error('connection reset after the tasks were created');
    }
    return { created, failed: [] };
  }

  async findTasksByPlayKey(playKeys: readonly string[]): Promise<Map<string, string>> {
    this.count('tasks.search', 1, 1);
    return new Map(this.tasks.filter((t) => playKeys.includes(t.playKey)).map((t) => [t.playKey, t.id]));
  }

  async openTasks(taskIds: readonly string[]): Promise<Set<string>> {
    this.count('tasks.read', taskIds.length, 100);
    return new Set(this.tasks.filter((t) => taskIds.includes(t.id) && t.status !== 'COMPLETED').map((t) => t.id));
  }
}
