// What the jobs need from a CRM, in the model's record shape. The HubSpot portal client
// implements it (jobs/hubspot-crm.ts); tests may drive it through nock or the sandbox.
import type { LineItemInput, Play, RecordInput } from '../src/model/index.ts';

/** A play on its way to HubSpot, with our idempotency marker, stored on the task so a crashed attempt can be found again. */
export type KeyedPlay = Play & { playKey: string };

export interface CompanyPage {
  companies: RecordInput[];
  /** Deal ids per company, from the page's associations. */
  dealIds: Map<string, string[]>;
}

export interface CrmPort {
  /**
   * How many ids (updates, tasks) one call of each batch method takes, where the CRM cuts its input
   * into calls: a journal then keeps each call's answer apart (jobs/call-journal.ts).
   */
  readonly callSizes?: CallSizes;
  readCompanies(ids: readonly string[], properties: readonly string[]): Promise<RecordInput[]>;
  readDeals(ids: readonly string[], properties: readonly string[]): Promise<RecordInput[]>;
  companyIdsForDeals(dealIds: readonly string[]): Promise<Map<string, string[]>>;
  dealIdsForCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>>;
  pageCompanies(properties: readonly string[]): AsyncIterable<CompanyPage>;
  /** Each company's parent company (§8; null: a top company), by batch association reads. */
  companyParents(companyIds: readonly string[]): Promise<Map<string, string | null>>;
  /** Each company's associated contacts with these properties (§10; [] when it has none). */
  companyContacts(companyIds: readonly string[], properties: readonly string[]): Promise<Map<string, RecordInput[]>>;
  /** The companies of these contacts (a contact's buying role or company link changed). */
  companyIdsForContacts(contactIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Each deal's line items (§9), their product not read (the item's hs_product_id names it). */
  dealLineItems(dealIds: readonly string[], itemProperties: readonly string[]): Promise<Map<string, LineItemInput[]>>;
  /** Products by id (their product line, §9); a product HubSpot does not return is left out. */
  readProducts(ids: readonly string[], properties: readonly string[]): Promise<RecordInput[]>;
  /** Returns the ids whose update failed, with the reason. */
  updateCompanies(updates: readonly { id: string; properties: Record<string, string> }[]): Promise<{ failed: { id: string; message: string }[] }>;
  /** Creates tasks associated with their company; returns the new task id per play key. */
  createTasks(tasks: readonly KeyedPlay[]): Promise<{ created: Map<string, string>; failed: { playKey: string; message: string }[] }>;
  /** Finds tasks we created earlier by their play keys (after a crash between create and record). */
  findTasksByPlayKey(playKeys: readonly string[]): Promise<Map<string, string>>;
  /** Whether each task is still open (not completed, not deleted). */
  openTasks(taskIds: readonly string[]): Promise<Set<string>>;
}

/** The methods that take a list and answer for each item (all but the full pass's paging). */
export type BatchedMethod = Exclude<keyof CrmPort, 'pageCompanies' | 'callSizes'>;
export type CallSizes = Partial<Record<BatchedMethod, number>>;
