import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CompanyUpdate } from '../../src/hubspot/update-companies.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const update = fixture('companies-batch-update');
const partial = fixture('companies-batch-update-207');
const inputsOf = (fx: ReturnType<typeof fixture>) => fx.request.body?.inputs as unknown as CompanyUpdate[];

describe('batch company updates', () => {
  const portal = usePortalHarness();

  it('when companies are updated, then the body is HubSpot\'s batch/update shape with string values', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/companies/batch/update', update.request.body).reply(200, update.response.body, update.response.headers);
    const res = await h.client.updateCompanies(inputsOf(update));
    expect(res).toEqual({ updated: ['18273645001', '18273645002'], failed: [] });
    expect(await h.counter.read(PORTAL)).toEqual({ 'companies.batchUpdate': 1 });
  });

  it('when one id fails (207), then it is reported per id and the rest count as updated', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/objects/companies/batch/update', partial.request.body).reply(207, partial.response.body, partial.response.headers);
    const res = await h.client.updateCompanies(inputsOf(partial));
    expect(res.updated).toEqual(['18273645001']);
    expect(res.failed).toEqual([{ id: '18273645999', category: 'OBJECT_NOT_FOUND', message: expect.stringContaining('Could not get some COMPANY objects') }]);
  });

  it('when 230 updates are sent, then no call carries more than 100 and empty updates are not sent', async () => {
    const h = await portal();
    const updates = Array.from({ length: 230 }, (_, i) => ({ id: String(7000 + i), properties: { kam_tier: 'gold', kam_priority_rank: String(i + 1) } }));
    const sizes: number[] = [];
    nock(BASE)
      .post('/crm/v3/objects/companies/batch/update', (body: { inputs: CompanyUpdate[] }) => body.inputs.every((u) => Object.values(u.properties).every((v) => typeof v === 'string')))
      .times(3)
      .reply(200, (_uri, body) => {
        const inputs = (body as { inputs: CompanyUpdate[] }).inputs;
        sizes.push(inputs.length);
        return { status: 'COMPLETE', results: inputs.map(({ id, properties }) => ({ id, properties, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2026-11-22T06:00:06Z', archived: false })), startedAt: '2026-11-22T06:00:06Z', completedAt: '2026-11-22T06:00:06Z' };
      });
    const res = await h.client.updateCompanies([...updates, { id: '9999', properties: {} }]);
    expect(sizes.sort((a, b) => b - a)).toEqual([100, 100, 30]);
    expect(res.updated).toHaveLength(230);
    expect(res.updated).not.toContain('9999');
  });

  it('when a value is not a string, then nothing is sent', async () => {
    const h = await portal();
    await expect(h.client.updateCompanies([{ id: '1', properties: { kam_priority_rank: 3 as unknown as string } }])).rejects.toThrow(/must be a string/);
    expect(h.limiter.acquired).toBe(0);
  });
});
