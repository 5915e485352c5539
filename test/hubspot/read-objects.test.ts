import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE, fixture } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const companies = fixture('companies-batch-read');
const partial = fixture('companies-batch-read-207');
const deals = fixture('deals-batch-read');
const props = (fx: ReturnType<typeof fixture>) => fx.request.body?.properties as unknown as string[];
const idsOf = (fx: ReturnType<typeof fixture>) => (fx.request.body?.inputs as unknown as Array<{ id: string }>).map((i) => i.id);

describe('batch reads', () => {
  const portal = usePortalHarness();

  it('when companies are read, then the request is HubSpot\'s batch/read body and records come back as {id, properties}', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/companies/batch/read', companies.request.body).reply(companies.response.status, companies.response.body, companies.response.headers);
    const res = await h.client.readCompanies(idsOf(companies), props(companies));
    expect(res.missing).toEqual([]);
    const northwind = res.records.find((r) => r.id === '18273645001');
    expect(northwind?.properties).toMatchObject({ name: 'Northwind Traders', kam_category_spend: '2000000', kam_strategic: 'true' });
    const contoso = res.records.find((r) => r.id === '18273645002');
    expect(contoso?.properties.kam_category_spend).toBeNull();
  });

  it('when some ids no longer exist (207), then they are reported missing, not thrown', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/companies/batch/read', partial.request.body).reply(207, partial.response.body, partial.response.headers);
    const res = await h.client.readCompanies(idsOf(partial), props(partial));
    expect(res.records.map((r) => r.id).sort()).toEqual(['18273645001', '18273645002']);
    expect(res.missing).toEqual(['18273645999']);
  });

  it('when 250 ids (with duplicates) are read, then three calls of at most 100 distinct ids cover them', async () => {
    const h = await portal();
    const ids = Array.from({ length: 250 }, (_, i) => String(1000 + i));
    const sent: string[][] = [];
    nock(BASE)
      .post('/crm/v3/objects/companies/batch/read', (body: { inputs: Array<{ id: string }>; properties: string[]; propertiesWithHistory: string[] }) => {
        sent.push(body.inputs.map((i) => i.id));
        return body.properties.join() === 'name,annualrevenue' && Array.isArray(body.propertiesWithHistory);
      })
      .times(3)
      .reply(200, (_uri, body) => {
        const inputs = (body as { inputs: Array<{ id: string }> }).inputs;
        return { status: 'COMPLETE', results: inputs.map(({ id }) => ({ id, properties: { name: `c${id}`, annualrevenue: null }, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', archived: false })), startedAt: '2026-11-22T06:00:00Z', completedAt: '2026-11-22T06:00:00Z' };
      });
    const res = await h.client.readCompanies([...ids, ...ids.slice(0, 10)], ['name', 'annualrevenue']);
    expect(sent).toHaveLength(3);
    expect(sent.every((batch) => batch.length <= 100)).toBe(true);
    expect(sent.flat().sort()).toEqual([...ids].sort());
    expect(res.records).toHaveLength(250);
  });

  it('when deals are read, then the deals endpoint is used and values stay strings', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/deals/batch/read', deals.request.body).reply(200, deals.response.body, deals.response.headers);
    const res = await h.client.readDeals(idsOf(deals), props(deals));
    expect(res.records).toHaveLength(3);
    expect(res.records.find((d) => d.id === '30111222003')?.properties).toMatchObject({ amount: '40000', amount_in_home_currency: '43680', hs_is_closed_won: 'false' });
  });
});
