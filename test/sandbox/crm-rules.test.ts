// HubSpot's rules as the sandbox enforces them over HTTP: batch limits, values as strings,
// unknown and read-only properties refused, authentication, calculated deal and task fields,
// merge, delete and restore, lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { call } from './support.ts';

let sandbox: Sandbox;
let token: string;
const api = (method: string, path: string, body?: unknown) => call(sandbox, token, method, path, body);
const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ id: String(from + i) }));

beforeAll(async () => {
  sandbox = await createSandbox({ rateLimit: { enabled: false } });
  token = sandbox.oauth.issueTokens().accessToken;
  for (let i = 1; i <= 5; i++) sandbox.store.createCompany({ name: `Company ${i}`, annualrevenue: '1000' }, { id: String(i), silent: true });
});
afterAll(() => sandbox.close());

describe('batch limits', () => {
  it.each([
    ['/crm/v3/objects/companies/batch/read', { inputs: ids(101), properties: ['name'] }],
    ['/crm/v3/objects/companies/batch/update', { inputs: ids(101).map((i) => ({ ...i, properties: { name: 'x' } })) }],
    ['/crm/v3/objects/tasks/batch/create', { inputs: ids(101).map(() => ({ properties: { hs_timestamp: '2026-12-01T00:00:00Z' } })) }],
    ['/crm/v3/objects/deals/batch/archive', { inputs: ids(101) }],
    ['/crm/v4/associations/companies/deals/batch/read', { inputs: ids(1001) }],
  ])('when %s gets one input over its limit, then it is a 400 VALIDATION_ERROR and nothing happens', async (path, body) => {
    const before = sandbox.store.count('tasks');
    const res = await api('POST', path, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringMatching(/exceeds the limit of (100|1000)/) });
    expect(sandbox.store.count('tasks')).toBe(before);
  });

  it('when a batch is exactly at the limit, then it is accepted', async () => {
    expect((await api('POST', '/crm/v3/objects/companies/batch/read', { inputs: ids(100) })).status).toBe(207);
    expect((await api('POST', '/crm/v4/associations/companies/deals/batch/read', { inputs: ids(1000) })).status).toBe(207);
  });
});

describe('property values', () => {
  it('when numbers and booleans are written, then they are stored and returned as strings', async () => {
    const res = await api('POST', '/crm/v3/objects/companies/batch/update', { inputs: [{ id: '1', properties: { annualrevenue: 2500000, hs_is_target_account: true } }] });
    expect(res.status).toBe(200);
    expect(sandbox.store.getCompany('1')?.properties).toMatchObject({ annualrevenue: '2500000', hs_is_target_account: 'true' });
  });

  it('when an unknown property, a bad number and a bad option are written, then one 400 names all three and nothing is written', async () => {
    const res = await api('PATCH', '/crm/v3/objects/companies/2', { properties: { name: 'Renamed', kam_nothing: '1', annualrevenue: '12k', industry: 'SPACE_PIRACY' } });
    expect(res.status).toBe(400);
    expect(res.json.category).toBe('VALIDATION_ERROR');
    const message = String(res.json.message);
    expect(message).toMatch(/^Property values were not valid: /);
    const errors = JSON.parse(message.replace('Property values were not valid: ', '')) as Array<{ name: string; error: string }>;
    expect(errors.map((e) => [e.name, e.error])).toEqual([['kam_nothing', 'PROPERTY_DOESNT_EXIST'], ['annualrevenue', 'INVALID_FLOAT'], ['industry', 'INVALID_OPTION']]);
    expect(sandbox.store.getCompany('2')?.properties.name).toBe('Company 2');
  });

  it('when a calculated deal flag is written through the API, then it is refused as read-only; writing the stage sets the flags', async () => {
    const deal = sandbox.store.createDeal({ amount: '100', dealstage: 'qualifiedtobuy' }, { silent: true, companyIds: ['3'] });
    const refused = await api('PATCH', `/crm/v3/objects/deals/${deal.id}`, { properties: { hs_is_closed_won: 'true' } });
    expect(refused.status).toBe(400);
    expect(String(refused.json.message)).toContain('READ_ONLY_VALUE');
    const won = await api('PATCH', `/crm/v3/objects/deals/${deal.id}`, { properties: { dealstage: 'closedwon' } });
    expect(won.status).toBe(200);
    expect(sandbox.store.getDeal(deal.id)?.properties).toMatchObject({ hs_is_closed_won: 'true', hs_is_closed: 'true', hs_deal_stage_probability: '1' });
  });

  it('when a value is set to an empty string, then it is cleared and reads back as null', async () => {
    await api('PATCH', '/crm/v3/objects/companies/4', { properties: { annualrevenue: '' } });
    const res = await api('GET', '/crm/v3/objects/companies/4?properties=annualrevenue');
    expect((res.json.properties as Record<string, unknown>).annualrevenue).toBeNull();
  });

  it('when a task is created without its due time, then it is refused; completing one sets its completion fields', async () => {
    expect((await api('POST', '/crm/v3/objects/tasks', { properties: { hs_task_subject: 'x' } })).status).toBe(400);
    const created = await api('POST', '/crm/v3/objects/tasks', { properties: { hs_task_subject: 'Call', hs_timestamp: '1796000000000' } });
    expect(created.status).toBe(201);
    expect((created.json.properties as Record<string, string>).hs_timestamp).toBe(new Date(1796000000000).toISOString());
    const id = String(created.json.id);
    await api('PATCH', `/crm/v3/objects/tasks/${id}`, { properties: { hs_task_status: 'COMPLETED' } });
    expect(sandbox.store.getTask(id)?.properties).toMatchObject({ hs_task_status: 'COMPLETED', hs_task_is_completed: '1' });
  });
});

describe('authentication and missing objects', () => {
  it('when no token or an unknown one is sent, then 401 INVALID_AUTHENTICATION', async () => {
    for (const t of [undefined, 'CJSP-forged']) {
      const res = await call(sandbox, t, 'GET', '/crm/v3/objects/companies/1');
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    }
  });

  it('when an object does not exist, then GET is a 404 OBJECT_NOT_FOUND and DELETE still a 204', async () => {
    expect((await api('GET', '/crm/v3/objects/deals/123456')).json).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
    expect((await api('DELETE', '/crm/v3/objects/deals/123456')).status).toBe(204);
  });

  it('when the page limit is over 100, then 400', async () => {
    expect((await api('GET', '/crm/v3/objects/companies?limit=101')).status).toBe(400);
  });
});

describe('merge, delete and restore', () => {
  it('when company 5 is merged into 4, then 4 keeps its values, gains the blanks and the deals, and 5 is gone', async () => {
    sandbox.store.updateCompany('5', { industry: 'RETAIL' }, { silent: true });
    const deal = sandbox.store.createDeal({ amount: '9' }, { silent: true, companyIds: ['5'] });
    const res = await api('POST', '/crm/v3/objects/companies/merge', { primaryObjectId: '4', objectIdToMerge: '5' });
    expect(res.status).toBe(200);
    expect(res.json.id).toBe('4');
    expect(sandbox.store.getCompany('4')?.properties).toMatchObject({ name: 'Company 4', industry: 'RETAIL' });
    expect(sandbox.store.companyIdsOf(deal.id)).toEqual(['4']);
    expect((await api('GET', '/crm/v3/objects/companies/5')).status).toBe(404);
  });

  it('when a deal is deleted and restored, then its company link goes and comes back', async () => {
    const deal = sandbox.store.createDeal({ amount: '1' }, { silent: true, companyIds: ['1'] });
    expect((await api('DELETE', `/crm/v3/objects/deals/${deal.id}`)).status).toBe(204);
    expect(sandbox.store.dealIdsOf('1')).not.toContain(deal.id);
    sandbox.store.restoreDeal(deal.id);
    expect(sandbox.store.dealIdsOf('1')).toContain(deal.id);
    expect(sandbox.store.companyIdsOf(deal.id)).toEqual(['1']);
  });
});

describe('lists', () => {
  const list = { name: 'KAM: key', objectTypeId: '0-2', processingType: 'DYNAMIC', filterBranch: { filterBranchType: 'OR', filterBranches: [], filters: [] } };

  it('when a list is created twice, then the second is a 409; it can be read back by name and by id', async () => {
    const created = await api('POST', '/crm/v3/lists', list);
    expect(created.status).toBe(200);
    const listId = (created.json.list as { listId: string }).listId;
    expect((await api('POST', '/crm/v3/lists', list)).status).toBe(409);
    const byName = await api('GET', `/crm/v3/lists/object-type-id/0-2/name/${encodeURIComponent(list.name)}`);
    expect(byName.json.list).toMatchObject({ listId, name: list.name, processingType: 'DYNAMIC', filterBranch: list.filterBranch });
    expect((await api('GET', `/crm/v3/lists/${listId}`)).status).toBe(200);
    expect((await api('GET', '/crm/v3/lists/object-type-id/0-2/name/none')).status).toBe(404);
  });
});
