import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { pageObjects } from '../../src/hubspot/page-objects.ts';
import { BASE, fixture } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const companiesPage = fixture('companies-page');
const dealsLast = fixture('deals-page-last');

describe('paging through every object', () => {
  const portal = usePortalHarness();

  it('when companies are paged, then the query repeats keys, association ids are deduplicated and the cursor is followed', async () => {
    const h = await portal();
    nock(BASE).get(companiesPage.request.path).reply(200, companiesPage.response.body, companiesPage.response.headers);
    nock(BASE)
      .get('/crm/v3/objects/companies?limit=2&after=18273645003&properties=name&properties=annualrevenue&properties=industry&properties=hubspot_owner_id&associations=deals')
      .reply(200, { results: [{ id: '18273645003', properties: { name: 'Fabrikam' }, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', archived: false }] }, { 'content-type': 'application/json' });
    const pages = [];
    for await (const page of pageObjects(h.client.call, 'companies', ['name', 'annualrevenue', 'industry', 'hubspot_owner_id'], { limit: 2 })) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.after).toBe('18273645003');
    expect(pages[0]?.records.map((r) => [r.id, r.associatedIds])).toEqual([
      ['18273645001', ['30111222001', '30111222002']],
      ['18273645002', ['30111222003']],
    ]);
    expect(pages[1]?.records).toEqual([{ id: '18273645003', properties: { name: 'Fabrikam' }, associatedIds: [] }]);
    expect(pages[1]?.after).toBeNull();
    expect(nock.isDone()).toBe(true);
  });

  it('when deals are paged from a cursor, then companies are the associations asked for and 100 is the page size', async () => {
    const h = await portal();
    nock(BASE).get(dealsLast.request.path).reply(200, dealsLast.response.body, dealsLast.response.headers);
    const pages = [];
    for await (const page of h.client.pageDeals(['amount', 'closedate', 'hs_is_closed_won'], { after: '30111222002' })) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.records.map((r) => [r.id, r.associatedIds])).toEqual([
      ['30111222003', ['18273645002']],
      ['30111222004', []],
    ]);
    expect(pages[0]?.records[1]?.properties.amount).toBeNull();
  });

  it("when a record's inlined associations are themselves paged, then the page is completed with a v4 batch read", async () => {
    const h = await portal();
    nock(BASE)
      .get('/crm/v3/objects/companies?limit=100&properties=name&associations=deals')
      .reply(200, {
        results: [{
          id: '18273645001', properties: { name: 'Northwind Traders' }, createdAt: '2023-04-12T09:15:22.481Z', updatedAt: '2026-11-20T14:02:11.903Z', archived: false,
          associations: { deals: { results: [{ id: '30111222001', type: 'company_to_deal' }], paging: { next: { after: 'NTAw', link: 'https://api.hubapi.com/crm/v4/objects/companies/18273645001/associations/deals?after=NTAw' } } } },
        }],
      }, { 'content-type': 'application/json' });
    nock(BASE)
      .post('/crm/v4/associations/companies/deals/batch/read', { inputs: [{ id: '18273645001' }] })
      .reply(200, { status: 'COMPLETE', results: [{ from: { id: '18273645001' }, to: [30111222001, 30111222002, 30111222009].map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 342, label: null }] })) }], startedAt: '2026-11-22T06:00:00Z', completedAt: '2026-11-22T06:00:00Z' });
    const pages = [];
    for await (const page of h.client.pageCompanies(['name'])) pages.push(page);
    expect(pages[0]?.records[0]?.associatedIds).toEqual(['30111222001', '30111222002', '30111222009']);
  });
});
