// Search semantics (filters, one sort, paging by offset, 200 a page, the 10,000-result cap) and
// the SDK calls the jobs make beyond the adapter's batch methods (tasks found by our play key,
// tasks read back, a task completed, lists), through the real @hubspot/api-client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkClient, type SdkClient } from '../../src/hubspot/sdk-client.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { call } from './support.ts';

let sandbox: Sandbox;
let sdk: SdkClient;
let token: string;
const search = (type: string, body: unknown) => call(sandbox, token, 'POST', `/crm/v3/objects/${type}/search`, body);
const idsOf = (json: Record<string, unknown>) => (json.results as Array<{ id: string }>).map((r) => r.id);
const eq = (propertyName: string, operator: string, value?: string, extra: object = {}) => ({ filterGroups: [{ filters: [{ propertyName, operator, value, ...extra }] }] });

beforeAll(async () => {
  sandbox = await createSandbox({ rateLimit: { enabled: false } });
  token = sandbox.oauth.issueTokens().accessToken;
  sdk = createSdkClient({ HUBSPOT_API_BASE: sandbox.url }, token);
  const industries = ['RETAIL', 'BANKING', 'RETAIL', undefined];
  for (let i = 1; i <= 12; i++) {
    sandbox.store.createCompany(
      { name: i === 7 ? 'Northwind Traders' : `Company ${i}`, annualrevenue: i === 12 ? undefined : String(i * 1000), industry: industries[i % 4] },
      { id: String(i), silent: true },
    );
  }
});
afterAll(() => sandbox.close());

describe('search', () => {
  it('when filtering with comparison operators, then numbers compare as numbers', async () => {
    expect(idsOf((await search('companies', eq('annualrevenue', 'GT', '9000'))).json)).toEqual(['10', '11']);
    expect(idsOf((await search('companies', eq('annualrevenue', 'LTE', '2000'))).json)).toEqual(['1', '2']);
    expect(idsOf((await search('companies', eq('annualrevenue', 'BETWEEN', '3000', { highValue: '4000' }))).json)).toEqual(['3', '4']);
    expect((await search('companies', eq('annualrevenue', 'NOT_HAS_PROPERTY'))).json.total).toBe(1);
    expect((await search('companies', eq('annualrevenue', 'HAS_PROPERTY'))).json.total).toBe(11);
  });

  it('when filter groups are given, then groups are ORed and filters inside a group ANDed; EQ on text ignores case', async () => {
    const body = {
      filterGroups: [
        { filters: [{ propertyName: 'industry', operator: 'EQ', value: 'BANKING' }, { propertyName: 'annualrevenue', operator: 'LT', value: '6000' }] },
        { filters: [{ propertyName: 'name', operator: 'EQ', value: 'northwind traders' }] },
      ],
    };
    expect(idsOf((await search('companies', body)).json)).toEqual(['1', '5', '7']);
    expect(idsOf((await search('companies', eq('industry', 'IN', undefined, { values: ['BANKING'] }))).json)).toEqual(['1', '5', '9']);
    expect((await search('companies', eq('industry', 'NEQ', 'RETAIL'))).json.total).toBe(6);
  });

  it('when sorted descending and paged 5 at a time, then pages follow the offset cursor and end without paging', async () => {
    const body = { sorts: [{ propertyName: 'annualrevenue', direction: 'DESCENDING' }], properties: ['annualrevenue'], limit: 5 };
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const res = await search('companies', { ...body, after });
      seen.push(...idsOf(res.json));
      after = (res.json.paging as { next?: { after: string } } | undefined)?.next?.after;
    } while (after);
    expect(seen).toEqual(['11', '10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '12']);
  });

  it('when the limit is over 200 or a property is unknown, then 400', async () => {
    expect((await search('companies', { limit: 201 })).status).toBe(400);
    expect((await search('companies', eq('no_such', 'EQ', '1'))).status).toBe(400);
  });

  it('when paging reaches the 10,000th result, then there is no next page and an after past it is a 400', async () => {
    const many = await createSandbox({ rateLimit: { enabled: false } });
    try {
      for (let i = 0; i < 10_050; i++) many.store.load('deals', String(i + 1), { amount: '1' }, '2026-01-01T00:00:00.000Z');
      const t = many.oauth.issueTokens().accessToken;
      const last = await call(many, t, 'POST', '/crm/v3/objects/deals/search', { limit: 200, after: '9800' });
      expect(last.json.total).toBe(10_050);
      expect((last.json.results as unknown[]).length).toBe(200);
      expect(last.json.paging).toBeUndefined();
      const past = await call(many, t, 'POST', '/crm/v3/objects/deals/search', { limit: 10, after: '10000' });
      expect(past.status).toBe(400);
    } finally {
      await many.close();
    }
  });
});

describe('SDK calls the jobs make', () => {
  it('when tasks carry our play key, then a search IN by key finds them, a batch read returns their status and a PATCH completes one', async () => {
    sandbox.store.properties.create('tasks', { name: 'kam_play_key', label: 'KAM play key', type: 'string', fieldType: 'text', groupName: 'taskinformation' });
    const created = await sdk.crm.objects.tasks.batchApi.create({
      inputs: ['a', 'b', 'c'].map((k, i) => ({
        objectWriteTraceId: String(i),
        properties: { hs_timestamp: '2026-12-01T09:00:00.000Z', hs_task_subject: `Play ${k}`, kam_play_key: `p-${k}` },
        associations: [{ to: { id: '1' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }],
      })) as never,
    });
    const byKey = new Map(created.results.map((r) => [r.properties.kam_play_key, r.id]));
    const found = await sdk.crm.objects.tasks.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'kam_play_key', operator: 'IN' as never, values: ['p-a', 'p-c', 'p-x'] }] }],
      properties: ['kam_play_key'],
      limit: 100,
    } as never);
    expect(found.results.map((r) => r.properties.kam_play_key).sort()).toEqual(['p-a', 'p-c']);
    const taskB = String(byKey.get('p-b'));
    await sdk.crm.objects.tasks.basicApi.update(taskB, { properties: { hs_task_status: 'COMPLETED' } });
    const read = await sdk.crm.objects.tasks.batchApi.read({ inputs: [...byKey.values()].map((id) => ({ id: String(id) })), properties: ['hs_task_status'], propertiesWithHistory: [] });
    const status = new Map(read.results.map((r) => [r.id, r.properties.hs_task_status]));
    expect(status.get(taskB)).toBe('COMPLETED');
    expect(status.get(String(byKey.get('p-a')))).toBe('NOT_STARTED');
  });

  it('when the SDK creates a dynamic company list and reads it by name, then both deserialize and a duplicate name is refused', async () => {
    const request = {
      name: 'KAM key accounts', objectTypeId: '0-2', processingType: 'DYNAMIC',
      filterBranch: { filterBranchType: 'OR', filterBranchOperator: 'OR', filters: [], filterBranches: [{ filterBranchType: 'AND', filterBranchOperator: 'AND', filterBranches: [], filters: [{ filterType: 'PROPERTY', property: 'kam_quadrant', operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: ['key'], includeObjectsWithNoValueSet: false } }] }] },
    };
    const created = await sdk.crm.lists.listsApi.create(request as never);
    expect(created.list.name).toBe('KAM key accounts');
    const byName = await sdk.crm.lists.listsApi.getByName('KAM key accounts', '0-2');
    expect(byName.list.listId).toBe(created.list.listId);
    await expect(sdk.crm.lists.listsApi.create(request as never)).rejects.toMatchObject({ code: 409 });
  });
});
