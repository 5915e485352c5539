import { describe, expect, it } from 'vitest';
import { companiesWithDeals } from '../../jobs/companies-with-deals.ts';
import type { CompanyPage } from '../../jobs/crm-port.ts';
import type { RecordInput } from '../../src/model/index.ts';

async function* pagesOf(spec: number[][], shared: string[] = []): AsyncIterable<CompanyPage> {
  let company = 0;
  let deal = 0;
  for (const page of spec) {
    const companies: RecordInput[] = [];
    const dealIds = new Map<string, string[]>();
    for (const n of page) {
      const id = String(++company);
      companies.push({ id, properties: {} });
      dealIds.set(id, [...Array.from({ length: n }, () => `d${++deal}`), ...shared]);
    }
    yield { companies, dealIds };
  }
}

describe('companies with deals', () => {
  // Like the CRM port: any number of ids, read by HubSpot 100 a call.
  const reader = (calls: number[], missing = new Set<string>()) => async (ids: readonly string[]) => {
    for (let i = 0; i < ids.length; i += 100) calls.push(Math.min(100, ids.length - i));
    return ids.filter((id) => !missing.has(id)).map((id) => ({ id, properties: { amount: id } }));
  };
  const spec = [Array(100).fill(0).map((_, i) => (i === 0 ? 8 : 5)), Array(100).fill(0).map((_, i) => (i === 0 ? 2 : 5)), [5]];
  const dealCount = 8 + 99 * 5 + 2 + 99 * 5 + 5;

  it('when pages hold 503, 497 and 5 deals, then deals are read in full batches of 100 and every company gets all of its own', async () => {
    const calls: number[] = [];
    const out = [];
    for await (const batch of companiesWithDeals(pagesOf(spec), reader(calls, new Set(['d7'])))) out.push(...batch);
    expect(out).toHaveLength(201);
    expect(calls).toHaveLength(Math.ceil(dealCount / 100));
    expect(calls.slice(0, -1)).toEqual(calls.slice(0, -1).map(() => 100));
    // d7 did not come back from HubSpot: left out, not invented.
    expect(out.find((c) => c.id === '1')?.deals?.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd8']);
    expect(out.find((c) => c.id === '201')?.deals).toHaveLength(5);
  });

  it('when a deal belongs to companies on different pages, then each of them gets it', async () => {
    const out = [];
    for await (const batch of companiesWithDeals(pagesOf(spec, ['shared-1']), reader([]))) out.push(...batch);
    expect(out).toHaveLength(201);
    expect(out.every((c) => c.deals?.some((d) => d.id === 'shared-1'))).toBe(true);
  });
});
