// Reading back tasks we created: by a property value (search, 5 a second per account, 200 a page,
// eventually consistent) and their status (batch read, 100 a call).
import { chunk } from './chunk.ts';
import { BATCH_READ_LIMIT } from './read-objects.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { BatchObjectsSchema, ObjectPageSchema, parseResponse } from './response-schemas.ts';

export const SEARCH_IN_LIMIT = 100;

/** value → task id, for tasks whose `property` is one of `values`. */
export async function findTasksByProperty(call: HubSpotCaller, property: string, values: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunk(values, SEARCH_IN_LIMIT)) {
    let after: string | undefined;
    do {
      const page = await call(
        'tasks.search',
        async (sdk) =>
          parseResponse(
            ObjectPageSchema,
            await sdk.crm.objects.tasks.searchApi.doSearch({
              filterGroups: [{ filters: [{ propertyName: property, operator: 'IN' as never, values: [...batch] }] }],
              properties: [property],
              limit: 200,
              ...(after ? { after } : {}),
            } as never),
            'tasks search',
          ),
        { bucket: 'search', idempotent: true },
      );
      for (const r of page.results) {
        const value = r.properties[property];
        if (value) found.set(value, r.id);
      }
      after = page.paging?.next?.after ?? undefined;
    } while (after);
  }
  return found;
}

/** The ids among `taskIds` that still exist and are not completed. */
export async function openTaskIds(call: HubSpotCaller, taskIds: readonly string[]): Promise<Set<string>> {
  const open = new Set<string>();
  for (const batch of chunk(taskIds, BATCH_READ_LIMIT)) {
    const res = await call(
      'tasks.batchRead',
      async (sdk) =>
        parseResponse(
          BatchObjectsSchema,
          await sdk.crm.objects.tasks.batchApi.read({ inputs: batch.map((id) => ({ id })), properties: ['hs_task_status'], propertiesWithHistory: [] }),
          'tasks batch read',
        ),
      { idempotent: true },
    );
    for (const r of res.results) if (r.properties.hs_task_status !== 'COMPLETED') open.add(r.id);
  }
  return open;
}
