// Batch update of company properties, 100 per call, every value a string. The caller decides what
// changed and sends only that; inputs without properties are not sent. A 207 reports per-id failures,
// which are returned rather than thrown, so the ids that were written can be recorded as written.
import { chunk, mapLimit } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { BatchObjectsSchema, parseResponse, type StandardError } from './response-schemas.ts';

export const BATCH_UPDATE_LIMIT = 100;

export interface CompanyUpdate {
  id: string;
  properties: Record<string, string>;
}

export interface UpdateFailure {
  id: string;
  message: string;
  category?: string;
}

export interface UpdateResult {
  updated: string[];
  failed: UpdateFailure[];
}

function failureFor(id: string, errors: StandardError[]): UpdateFailure {
  const e = errors.find((x) => Object.values(x.context ?? {}).some((ids) => ids.includes(id))) ?? (errors.length === 1 ? errors[0] : undefined);
  return { id, message: e?.message ?? 'not updated (HubSpot returned no result for this id)', category: e?.category };
}

export async function updateCompanies(call: HubSpotCaller, updates: readonly CompanyUpdate[], concurrency = 3): Promise<UpdateResult> {
  const inputs = updates.filter((u) => Object.keys(u.properties).length > 0);
  for (const u of inputs) {
    for (const [name, value] of Object.entries(u.properties)) {
      if (typeof value !== 'string') throw new TypeError(`company ${u.id}: property ${name} must be a string`);
    }
  }
  const results = await mapLimit(chunk(inputs, BATCH_UPDATE_LIMIT), concurrency, async (batch) => {
    const res = await call(
      'companies.batchUpdate',
      async (sdk) =>
        parseResponse(
          BatchObjectsSchema,
          await sdk.crm.companies.batchApi.update({ inputs: batch.map((u) => ({ id: u.id, properties: { ...u.properties } })) }),
          'companies batch update',
        ),
      { idempotent: true },
    );
    const done = new Set(res.results.map((r) => r.id));
    return {
      updated: batch.filter((u) => done.has(u.id)).map((u) => u.id),
      failed: batch.filter((u) => !done.has(u.id)).map((u) => failureFor(u.id, res.errors ?? [])),
    };
  });
  return { updated: results.flatMap((r) => r.updated), failed: results.flatMap((r) => r.failed) };
}
