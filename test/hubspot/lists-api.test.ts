// Lists v3 through the real portal client (SDK, caller, tokens) against nock. Shapes from HubSpot's
// lists reference (create, get by name) and its list-filter guide; error messages are invented.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.ts';
import { boolIs, COMPANY_OBJECT_TYPE_ID, createListsApi, enumerationIs, type ListDefinition } from '../../src/hubspot/lists-api.ts';
import { BASE } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const listBody = (listId: string, def: Pick<ListDefinition, 'name' | 'objectTypeId' | 'processingType'> & { filterBranch?: unknown }) => ({
  list: {
    listId, listVersion: 1, name: def.name, objectTypeId: def.objectTypeId, processingType: def.processingType, processingStatus: 'PROCESSING',
    createdAt: '2026-11-22T06:00:00.000Z', updatedAt: '2026-11-22T06:00:00.000Z', filtersUpdatedAt: '2026-11-22T06:00:00.000Z',
    createdById: '3141592', updatedById: '3141592', ...(def.filterBranch ? { filterBranch: { filterBranchOperator: 'OR', ...(def.filterBranch as object) } } : {}),
  },
});
const notFound = (name: string) => ({ status: 'error', message: `List does not exist with name ${name}.`, correlationId: 'a1b2c3d4-0000-4000-8000-000000000001', category: 'OBJECT_NOT_FOUND' });

const KEY_QUADRANT: ListDefinition = { name: 'KAM quadrant: Key', objectTypeId: COMPANY_OBJECT_TYPE_ID, processingType: 'DYNAMIC', filterBranch: enumerationIs('kam_quadrant', ['key']) };
const KEY_ACCOUNTS: ListDefinition = { name: 'KAM: Key accounts', objectTypeId: COMPANY_OBJECT_TYPE_ID, processingType: 'DYNAMIC', filterBranch: boolIs('kam_is_key_account', true) };
const byNamePath = (name: string) => `/crm/v3/lists/object-type-id/0-2/name/${encodeURIComponent(name)}`;

describe('lists API', () => {
  const portal = usePortalHarness();

  it('when an enumeration list is created, then HubSpot receives the DYNAMIC company list with the OR → AND → PROPERTY filter', async () => {
    const h = await portal();
    let sent: unknown;
    nock(BASE).post('/crm/v3/lists').reply(200, (_uri, body) => {
      sent = body;
      return listBody('101', KEY_QUADRANT);
    }, JSON_HEADERS);
    const res = await createListsApi(h.client.call).create(KEY_QUADRANT);
    expect(res).toEqual({ list: { listId: '101', name: 'KAM quadrant: Key', objectTypeId: '0-2', processingType: 'DYNAMIC' }, created: true });
    expect(sent).toEqual({
      name: 'KAM quadrant: Key', objectTypeId: '0-2', processingType: 'DYNAMIC',
      filterBranch: {
        filterBranchType: 'OR', filters: [],
        filterBranches: [{
          filterBranchType: 'AND', filterBranches: [],
          filters: [{ filterType: 'PROPERTY', property: 'kam_quadrant', operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values: ['key'], includeObjectsWithNoValueSet: false } }],
        }],
      },
    });
  });

  it('when the key-account list is created, then its filter is a BOOL IS_EQUAL_TO true on kam_is_key_account, kept through the SDK', async () => {
    const h = await portal();
    let sent: { filterBranch?: { filterBranches: Array<{ filters: unknown[] }> } } = {};
    nock(BASE).post('/crm/v3/lists').reply(200, (_uri, body) => {
      sent = body as typeof sent;
      return listBody('102', KEY_ACCOUNTS);
    }, JSON_HEADERS);
    await createListsApi(h.client.call).create(KEY_ACCOUNTS);
    expect(sent.filterBranch?.filterBranches[0]?.filters).toEqual([
      { filterType: 'PROPERTY', property: 'kam_is_key_account', operation: { operationType: 'BOOL', operator: 'IS_EQUAL_TO', value: true, includeObjectsWithNoValueSet: false } },
    ]);
  });

  it('when a list is looked up by name, then it is found, or null on a 404', async () => {
    const h = await portal();
    nock(BASE).get(byNamePath('KAM quadrant: Key')).reply(200, listBody('101', KEY_QUADRANT), JSON_HEADERS);
    nock(BASE).get(byNamePath('KAM: Key accounts')).reply(404, notFound('KAM: Key accounts'), JSON_HEADERS);
    const api = createListsApi(h.client.call);
    expect(await api.findByName('0-2', 'KAM quadrant: Key')).toEqual({ listId: '101', name: 'KAM quadrant: Key', objectTypeId: '0-2', processingType: 'DYNAMIC' });
    expect(await api.findByName('0-2', 'KAM: Key accounts')).toBeNull();
    expect(nock.isDone()).toBe(true);
  });

  it('when the name is already taken (409, e.g. a second install at the same time), then the existing list is answered as not created', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/lists').reply(409, { status: 'error', message: 'A list named KAM quadrant: Key already exists.', correlationId: 'c0ffee00-0000-4000-8000-000000000002', category: 'OBJECT_ALREADY_EXISTS' }, JSON_HEADERS);
    nock(BASE).get(byNamePath('KAM quadrant: Key')).reply(200, listBody('77', KEY_QUADRANT), JSON_HEADERS);
    const res = await createListsApi(h.client.call).create(KEY_QUADRANT);
    expect(res).toEqual({ list: { listId: '77', name: 'KAM quadrant: Key', objectTypeId: '0-2', processingType: 'DYNAMIC' }, created: false });
    expect(nock.isDone()).toBe(true);
  });

  it('when HubSpot refuses the list for another reason (400, missing scope 403), then the error is thrown, not swallowed', async () => {
    const h = await portal();
    nock(BASE).post('/crm/v3/lists').reply(400, { status: 'error', message: 'Invalid filter', category: 'VALIDATION_ERROR' }, JSON_HEADERS);
    nock(BASE).get(byNamePath('KAM quadrant: Key')).reply(403, { status: 'error', message: 'This app hasn\'t been granted all required scopes', category: 'MISSING_SCOPES' }, JSON_HEADERS);
    const api = createListsApi(h.client.call);
    await expect(api.create(KEY_QUADRANT)).rejects.toBeInstanceOf(PermanentError);
    await expect(api.findByName('0-2', 'KAM quadrant: Key')).rejects.toThrow(/403/);
  });
});
