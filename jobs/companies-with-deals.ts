// Joins pages of companies with their deals for the full pass, reading deals in full batches of
// 100 across page boundaries (a page of 100 companies has ~500 deals, rarely a multiple of 100:
// batching per page would spend ~10 % more calls). Companies wait until all their deals are read,
// so memory stays within about a page of companies and 100 deals.
import type { CompanyInput, RecordInput } from '../src/model/index.ts';
import type { CompanyPage } from './crm-port.ts';

const BATCH = 100;

export async function* companiesWithDeals(pages: AsyncIterable<CompanyPage>, readDeals: (ids: readonly string[]) => Promise<RecordInput[]>): AsyncIterable<CompanyInput[]> {
  const waiting: { record: RecordInput; dealIds: string[] }[] = [];
  const fetched = new Map<string, RecordInput | null>();
  let queue: string[] = [];
  const read = async (ids: string[]): Promise<void> => {
    if (ids.length === 0) return;
    const deals = await readDeals(ids);
    for (const id of ids) fetched.set(id, null); // a deal HubSpot did not return is simply left out
    for (const d of deals) fetched.set(d.id, d);
  };
  const release = (): CompanyInput[] => {
    const ready = waiting.filter((w) => w.dealIds.every((id) => fetched.has(id)));
    const still = waiting.filter((w) => !ready.includes(w));
    waiting.splice(0, waiting.length, ...still);
    const needed = new Set(still.flatMap((w) => w.dealIds));
    const out = ready.map((w) => ({ ...w.record, deals: w.dealIds.flatMap((id) => fetched.get(id) ?? []) }));
    for (const w of ready) for (const id of w.dealIds) if (!needed.has(id)) fetched.delete(id);
    return out;
  };
  for await (const page of pages) {
    for (const record of page.companies) {
      const dealIds = [...new Set(page.dealIds.get(record.id) ?? [])];
      waiting.push({ record, dealIds });
      for (const id of dealIds) if (!fetched.has(id) && !queue.includes(id)) queue.push(id);
    }
    const full = queue.length - (queue.length % BATCH);
    if (full > 0) {
      const ids = queue.slice(0, full);
      queue = queue.slice(full);
      await read(ids);
    }
    const ready = release();
    if (ready.length) yield ready;
  }
  await read(queue);
  const rest = release();
  if (rest.length) yield rest;
}
