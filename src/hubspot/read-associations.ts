// Association ids in bulk through the v4 batch read: 1,000 inputs per call, each input paged on its
// own (`paging.next.after` per result, sent back as `{id, after}`). An id without associations comes
// back as a 207 error (NO_ASSOCIATIONS_FOUND) and maps to an empty list. On the wire `toObjectId` is
// a number; ids leave here as strings, deduplicated (a primary and an unlabeled association of the
// same pair are one id).
import { chunk, mapLimit, unique } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { AssociationBatchSchema, parseResponse } from './response-schemas.ts';

export const ASSOCIATION_BATCH_LIMIT = 1000;

export type AssociatedType = 'companies' | 'deals' | 'contacts' | 'line_items';

interface Pending {
  id: string;
  after?: string;
}

export async function readAssociations(
  call: HubSpotCaller,
  from: AssociatedType,
  to: AssociatedType,
  ids: readonly string[],
  concurrency = 2,
): Promise<Map<string, string[]>> {
  const found = new Map<string, Set<string>>(unique(ids).map((id) => [id, new Set<string>()]));
  let pending: Pending[] = [...found.keys()].map((id) => ({ id }));
  while (pending.length > 0) {
    const pages = await mapLimit(chunk(pending, ASSOCIATION_BATCH_LIMIT), concurrency, (inputs) =>
      call(
        'associations.batchRead',
        async (sdk) => parseResponse(AssociationBatchSchema, await sdk.crm.associations.v4.batchApi.getPage(from, to, { inputs }), 'associations batch read'),
        { idempotent: true },
      ),
    );
    pending = [];
    for (const page of pages) {
      for (const r of page.results) {
        const set = found.get(r._from.id);
        if (!set) continue;
        for (const t of r.to) set.add(t.toObjectId);
        const after = r.paging?.next?.after;
        if (after) pending.push({ id: r._from.id, after });
      }
    }
  }
  return new Map([...found].map(([id, set]) => [id, [...set]]));
}
