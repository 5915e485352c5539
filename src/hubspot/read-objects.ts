// Batch reads of companies or deals by id, 100 per call. A 207 (some ids deleted or unknown) is a
// success: the ids that did not come back are reported as missing, not thrown. HubSpot does not keep
// the input order, so results are matched by id.
import type { RecordInput } from '../model/types.ts';
import { chunk, mapLimit, unique } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { BatchObjectsSchema, parseResponse } from './response-schemas.ts';
import type { SdkClient } from './sdk-client.ts';

export const BATCH_READ_LIMIT = 100;

export type CrmObjectType = 'companies' | 'deals';
/** Objects read in batches by id: the two the model scores, and what account depth adds (contacts, line items, products). */
export type BatchReadType = CrmObjectType | 'contacts' | 'line_items' | 'products';

export interface ReadResult {
  records: RecordInput[];
  /** Requested ids HubSpot did not return (deleted, merged away or never existed). */
  missing: string[];
}

function batchApi(sdk: SdkClient, type: BatchReadType) {
  switch (type) {
    case 'companies': return sdk.crm.companies.batchApi;
    case 'deals': return sdk.crm.deals.batchApi;
    case 'contacts': return sdk.crm.contacts.batchApi;
    case 'line_items': return sdk.crm.lineItems.batchApi;
    case 'products': return sdk.crm.products.batchApi;
  }
}

export async function readObjects(
  call: HubSpotCaller,
  type: BatchReadType,
  ids: readonly string[],
  properties: readonly string[],
  concurrency = 3,
): Promise<ReadResult> {
  const batches = chunk(unique(ids), BATCH_READ_LIMIT);
  const pages = await mapLimit(batches, concurrency, (batch) =>
    call(
      `${type}.batchRead`,
      async (sdk) =>
        parseResponse(
          BatchObjectsSchema,
          await batchApi(sdk, type).read({ inputs: batch.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] }),
          `${type} batch read`,
        ),
      { idempotent: true },
    ),
  );
  const records: RecordInput[] = [];
  const found = new Set<string>();
  for (const page of pages) {
    for (const r of page.results) {
      found.add(r.id);
      records.push({ id: r.id, properties: r.properties });
    }
  }
  const missing = batches.flat().filter((id) => !found.has(id));
  return { records, missing };
}
