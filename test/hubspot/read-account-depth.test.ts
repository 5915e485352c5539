import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { readCompanyContacts, readDealLineItems } from '../../src/hubspot/read-account-depth.ts';
import { BASE } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const assoc = (results: Array<[from: string, to: number[]]>) => ({
  status: 'COMPLETE',
  results: results.map(([id, to]) => ({ from: { id }, to: to.map((t) => ({ toObjectId: t, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: null }] })) })),
});
const batch = (records: Array<[id: string, props: Record<string, string | null>]>) => ({
  status: 'COMPLETE',
  results: records.map(([id, properties]) => ({ id, properties, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', archived: false })),
  startedAt: '2026-11-22T06:00:00Z', completedAt: '2026-11-22T06:00:00Z',
});

describe('account depth reads (batch, never per record)', () => {
  const portal = usePortalHarness();

  it("when companies' contacts are read, then one association call and one contacts batch give each company its contacts with their buying roles", async () => {
    const h = await portal();
    nock(BASE).post('/crm/v4/associations/companies/contacts/batch/read').reply(200, assoc([['1', [11, 12]], ['2', [12]], ['3', []]]));
    let asked: unknown;
    nock(BASE).post('/crm/v3/objects/contacts/batch/read', (body) => ((asked = body), true)).reply(200, batch([['11', { hs_buying_role: 'DECISION_MAKER;CHAMPION' }], ['12', { hs_buying_role: null }]]));
    const contacts = await readCompanyContacts(h.client.call, ['1', '2', '3'], ['hs_buying_role']);
    expect([...contacts].map(([id, cs]) => [id, cs.map((c) => c.id)])).toEqual([['1', ['11', '12']], ['2', ['12']], ['3', []]]);
    expect(contacts.get('1')![0]!.properties.hs_buying_role).toBe('DECISION_MAKER;CHAMPION');
    expect(asked).toMatchObject({ inputs: [{ id: '11' }, { id: '12' }], properties: ['hs_buying_role'] });
    expect(nock.isDone()).toBe(true);
  });

  it("when deals' line items are read, then each comes with its product, and a line item without one has none", async () => {
    const h = await portal();
    nock(BASE).post('/crm/v4/associations/deals/line_items/batch/read').reply(200, assoc([['d1', [101, 102]], ['d2', []]]));
    nock(BASE).post('/crm/v3/objects/line_items/batch/read').reply(200, batch([['101', { name: 'Licence', hs_product_id: 'p1', amount: '600' }], ['102', { name: 'Setup', hs_product_id: null, amount: '400' }]]));
    let asked: unknown;
    nock(BASE).post('/crm/v3/objects/products/batch/read', (body) => ((asked = body), true)).reply(200, batch([['p1', { name: 'Licence Pro', kam_product_line: 'Licences' }]]));
    const items = await readDealLineItems(h.client.call, ['d1', 'd2'], ['name', 'amount'], ['name', 'kam_product_line']);
    expect(items.get('d1')!.map((i) => [i.id, i.product?.properties.kam_product_line ?? null])).toEqual([['101', 'Licences'], ['102', null]]);
    expect(items.get('d2')).toEqual([]);
    expect(asked).toMatchObject({ inputs: [{ id: 'p1' }] });
    expect(nock.isDone()).toBe(true);
  });
});
