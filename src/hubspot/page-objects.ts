// Every company or deal of a portal, page by page (100 a page), with the ids of the other side's
// associations. The SDK sends array query parameters as repeated keys; the association list may
// repeat an id (primary and unlabeled), so it is deduplicated. When a record has more associations
// than the page inlines (its association list is itself paged), they are completed with one v4 batch
// read for the page, so every page a caller sees is complete.
import type { RecordInput } from '../model/types.ts';
import { unique } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { readAssociations } from './read-associations.ts';
import type { CrmObjectType } from './read-objects.ts';
import { ObjectPageSchema, parseResponse } from './response-schemas.ts';
import type { SdkClient } from './sdk-client.ts';

export const PAGE_LIMIT = 100;

export interface PagedRecord extends RecordInput {
  /** Ids of the associated objects of the other type (deals of a company, companies of a deal). */
  associatedIds: string[];
}

export interface ObjectPage {
  records: PagedRecord[];
  /** Cursor of the next page; null on the last one. */
  after: string | null;
}

const basicApi = (sdk: SdkClient, type: CrmObjectType) => (type === 'companies' ? sdk.crm.companies.basicApi : sdk.crm.deals.basicApi);
const otherSide = (type: CrmObjectType): CrmObjectType => (type === 'companies' ? 'deals' : 'companies');

async function fetchPage(call: HubSpotCaller, type: CrmObjectType, properties: readonly string[], after: string | undefined, limit: number) {
  const other = otherSide(type);
  const page = await call(
    `${type}.page`,
    async (sdk) => parseResponse(ObjectPageSchema, await basicApi(sdk, type).getPage(limit, after, [...properties], undefined, [other]), `${type} page`),
    { idempotent: true },
  );
  const truncated: string[] = [];
  const records = page.results.map((r) => {
    const assoc = r.associations?.[other];
    if (assoc?.paging?.next?.after) truncated.push(r.id);
    return { id: r.id, properties: r.properties, associatedIds: unique((assoc?.results ?? []).map((a) => a.id)) };
  });
  if (truncated.length > 0) {
    const full = await readAssociations(call, type, other, truncated);
    for (const r of records) r.associatedIds = full.get(r.id) ?? r.associatedIds;
  }
  return { records, after: page.paging?.next?.after ?? null };
}

export async function* pageObjects(
  call: HubSpotCaller,
  type: CrmObjectType,
  properties: readonly string[],
  opts: { after?: string; limit?: number } = {},
): AsyncGenerator<ObjectPage> {
  let after = opts.after;
  const limit = Math.min(opts.limit ?? PAGE_LIMIT, PAGE_LIMIT);
  for (;;) {
    const page = await fetchPage(call, type, properties, after, limit);
    yield page;
    if (!page.after) return;
    after = page.after;
  }
}
