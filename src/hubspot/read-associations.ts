// Association ids in bulk through the v4 batch read: 1,000 inputs per call, each input paged on its
// own (`paging.next.after` per result, sent back as `{id, after}`). An id without associations comes
// back as a 207 error (NO_ASSOCIATIONS_FOUND) and maps to an empty list. On the wire `toObjectId` is
// a number; ids leave here as strings, deduplicated (a primary and an unlabeled association of the
// same pair are one id).
import type { z } from 'zod';
import { chunk, mapLimit, unique } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { AssociationBatchSchema, parseResponse } from './response-schemas.ts';

export const ASSOCIATION_BATCH_LIMIT = 1000;

export type AssociatedType = 'companies' | 'deals' | 'contacts' | 'line_items';

/** One id's associations as a page of the batch read returns them. */
export type AssociationRow = z.infer<typeof AssociationBatchSchema>['results'][number];

/**
 * Every association row of these ids, page after page (each input is paged on its own), handed to
 * `visit` as it arrives. Rows for ids not asked for are passed over.
 */
export async function eachAssociationRow(
  call: HubSpotCaller,
  from: AssociatedType,
  to: AssociatedType,
  ids: readonly string[],
  concurrency: number,
  visit: (row: AssociationRow) => void,
  /** What a malformed answer is called in the error. */
  what = 'associations batch read',
): Promise<void> {
  const asked = new Set(ids);
  let pending: { id: string; after?: string }[] = [...asked].map((id) => ({ id }));
  while (pending.length > 0) {
    const pages = await mapLimit(chunk(pending, ASSOCIATION_BATCH_LIMIT), concurrency, (inputs) =>
      call(
        'associations.batchRead',
        async (sdk) => parseResponse(AssociationBatchSchema, await sdk.crm.associations.v4.batchApi.getPage(from, to, { inputs }), what),
        { idempotent: true },
      ),
    );
    pending = [];
    for (const page of pages) {
      for (const r of page.results) {
        if (!asked.has(r._from.id)) continue;
        visit(r);
        const after = r.paging?.next?.after;
        if (after) pending.push({ id: r._from.id, after });
      }
    }
  }
}

export async function readAssociations(
  call: HubSpotCaller,
  from: AssociatedType,
  to: AssociatedType,
  ids: readonly string[],
  concurrency = 2,
): Promise<Map<string, string[]>> {
  const found = new Map<string, Set<string>>(unique(ids).map((id) => [id, new Set<string>()]));
  await eachAssociationRow(call, from, to, [...found.keys()], concurrency, (r) => {
    for (const t of r.to) found.get(r._from.id)!.add(t.toObjectId);
  });
  return new Map([...found].map(([id, set]) => [id, [...set]]));
}
