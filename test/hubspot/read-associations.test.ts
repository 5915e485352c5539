import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE, fixture } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const dealsToCompanies = fixture('associations-v4-batch-read');
const page1 = fixture('associations-v4-companies-deals-page1');
const page2 = fixture('associations-v4-companies-deals-page2');

describe('association batch reads (v4)', () => {
  const portal = usePortalHarness();

  it('when deals are resolved to companies, then numeric toObjectIds become string ids and a deal without company maps to []', async () => {
    const h = await portal();
    nock(BASE).post(dealsToCompanies.request.path, dealsToCompanies.request.body).reply(207, dealsToCompanies.response.body, dealsToCompanies.response.headers);
    const map = await h.client.companyIdsForDeals(['30111222001', '30111222003', '30111222004']);
    expect(map).toEqual(new Map([['30111222001', ['18273645001']], ['30111222003', ['18273645002']], ['30111222004', []]]));
  });

  it('when an input has more associations than one page, then it is re-sent with its own `after` until complete', async () => {
    const h = await portal();
    nock(BASE).post(page1.request.path, page1.request.body).reply(200, page1.response.body, page1.response.headers);
    nock(BASE).post(page2.request.path, page2.request.body).reply(200, page2.response.body, page2.response.headers);
    const map = await h.client.dealIdsForCompanies(['18273645001', '18273645002']);
    expect(map.get('18273645001')).toEqual(['30111222001', '30111222002', '30111222005']);
    expect(map.get('18273645002')).toEqual(['30111222003']);
    expect(nock.isDone()).toBe(true);
  });

  it('when 2,500 companies are resolved, then calls carry at most 1,000 inputs each', async () => {
    const h = await portal();
    const ids = Array.from({ length: 2500 }, (_, i) => String(5000 + i));
    const sizes: number[] = [];
    nock(BASE)
      .post('/crm/v4/associations/companies/deals/batch/read')
      .times(3)
      .reply(200, (_uri, body) => {
        const inputs = (body as { inputs: Array<{ id: string }> }).inputs;
        sizes.push(inputs.length);
        return { status: 'COMPLETE', results: inputs.map(({ id }) => ({ from: { id }, to: [{ toObjectId: Number(id) * 10, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 342, label: null }] }] })), startedAt: '2026-11-22T06:00:00Z', completedAt: '2026-11-22T06:00:00Z' };
      });
    const map = await h.client.dealIdsForCompanies(ids);
    expect(sizes.sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
    expect(map.size).toBe(2500);
    expect(map.get('5001')).toEqual(['50010']);
  });
});
