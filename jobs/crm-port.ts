// What the jobs need from a CRM, in the model's record shape. The HubSpot portal client
// implements it (jobs/hubspot-crm.ts); tests may drive it through nock or the sandbox.
import type { Play, RecordInput } from '../src/model/index.ts';

/** A play on its way to HubSpot, with our idempotency marker, stored on the task so a crashed attempt can be found again. */
export type KeyedPlay = Play & { playKey: string };

export interface CompanyPage {
  companies: RecordInput[];
  /** Deal ids per company, from the page's associations. */
  dealIds: Map<string, string[]>;
}

export interface CrmPort {
  readCompanies(ids: readonly string[], properties: readonly string[]): Promise<RecordInput[]>;
  readDeals(ids: readonly string[], properties: readonly string[]): Promise<RecordInput[]>;
  companyIdsForDeals(dealIds: readonly string[]): Promise<Map<string, string[]>>;
  dealIdsForCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>>;
  pageCompanies(properties: readonly string[]): AsyncIterable<CompanyPage>;
  /** Returns the ids whose update failed, with the reason. */
  updateCompanies(updates: readonly { id: string; properties: Record<string, string> }[]): Promise<{ failed: { id: string; message: string }[] }>;
  /** Creates tasks associated with their company; returns the new task id per play key. */
  createTasks(tasks: readonly KeyedPlay[]): Promise<{ created: Map<string, string>; failed: { playKey: string; message: string }[] }>;
  /** Finds tasks we created earlier by their play keys (after a crash between create and record). */
  findTasksByPlayKey(playKeys: readonly string[]): Promise<Map<string, string>>;
  /** Whether each task is still open (not completed, not deleted). */
  openTasks(taskIds: readonly string[]): Promise<Set<string>>;
}
