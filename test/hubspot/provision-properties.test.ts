import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.ts';
import { provisionProperties, type ProvisionSpec } from '../../src/hubspot/provision-properties.ts';
import { toPropertyCreate } from '../../src/hubspot/properties-api.ts';
import { DEAL_INPUT_PROPERTIES, INPUT_GROUP, INPUT_PROPERTIES, OUTPUT_GROUP, OUTPUT_PROPERTIES } from '../../src/model/properties.ts';
import { BASE, fixture } from '../support/hubspot-fixtures.ts';
import { usePortalHarness } from '../support/portal-harness.ts';

const SPECS: ProvisionSpec[] = [
  { objectType: 'companies', groups: [INPUT_GROUP, OUTPUT_GROUP], properties: [...INPUT_PROPERTIES, ...OUTPUT_PROPERTIES] },
  { objectType: 'deals', groups: [], properties: DEAL_INPUT_PROPERTIES },
];
const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const groupsFx = fixture('property-groups-list');
const propsFx = fixture('properties-list');
const groupCreateFx = fixture('property-group-create');
const batchFx = fixture('properties-batch-create');

type Prop = ReturnType<typeof toPropertyCreate> & Record<string, unknown>;
const asProperty = (p: Prop) => ({ ...p, options: (p.options ?? []).map((o) => ({ ...o })), displayOrder: -1, calculated: false, externalOptions: false, hasUniqueValue: false, hidden: false, archived: false, createdAt: '2026-11-22T05:58:12.442Z', updatedAt: '2026-11-22T05:58:12.442Z', modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false } });

/** A small stateful HubSpot for the properties API; records every write. */
function fakePropertiesApi(seed: { groups?: Record<string, Array<{ name: string; label: string; displayOrder?: number }>>; properties?: Record<string, Prop[]> } = {}) {
  const groups = new Map(Object.entries(seed.groups ?? {}));
  const props = new Map(Object.entries(seed.properties ?? {}).map(([t, list]) => [t, new Map(list.map((p) => [p.name, p]))]));
  const writes: Array<{ method: string; path: string; body: unknown }> = [];
  const scope = nock(BASE).persist();
  scope.get(/^\/crm\/v3\/properties\/(\w+)\/groups$/).reply((uri) => [200, { results: groups.get(uri.split('/')[4] as string) ?? [] }, JSON_HEADERS]);
  scope.get(/^\/crm\/v3\/properties\/(\w+)$/).reply((uri) => [200, { results: [...(props.get(uri.split('/')[4] as string)?.values() ?? [])].map(asProperty) }, JSON_HEADERS]);
  scope.post(/^\/crm\/v3\/properties\/(\w+)\/groups$/).reply((uri, body) => {
    const type = uri.split('/')[4] as string;
    writes.push({ method: 'POST', path: uri, body });
    groups.set(type, [...(groups.get(type) ?? []), body as { name: string; label: string }]);
    return [201, { ...(body as object), archived: false }, JSON_HEADERS];
  });
  scope.post(/^\/crm\/v3\/properties\/(\w+)\/batch\/create$/).reply((uri, body) => {
    const type = uri.split('/')[4] as string;
    writes.push({ method: 'POST', path: uri, body });
    const inputs = (body as { inputs: Prop[] }).inputs;
    const map = props.get(type) ?? new Map<string, Prop>();
    for (const p of inputs) map.set(p.name, p);
    props.set(type, map);
    return [201, { ...batchFx.response.body, results: inputs.map(asProperty) }, JSON_HEADERS];
  });
  scope.patch(/^\/crm\/v3\/properties\/(\w+)\/(\w+)$/).reply((uri, body) => {
    const [, , , , type, name] = uri.split('/') as string[];
    writes.push({ method: 'PATCH', path: uri, body });
    const existing = props.get(type as string)?.get(name as string) as Prop;
    const updated = { ...existing, ...(body as object) } as Prop;
    props.get(type as string)?.set(name as string, updated);
    return [200, asProperty(updated), JSON_HEADERS];
  });
  return { writes, props };
}

describe('property provisioning', () => {
  const portal = usePortalHarness();

  it('when a portal is new, then both groups and every property are created, batch bodies in HubSpot\'s shape', async () => {
    const h = await portal();
    nock(BASE).get('/crm/v3/properties/companies/groups').reply(200, groupsFx.response.body, groupsFx.response.headers);
    nock(BASE).post('/crm/v3/properties/companies/groups', { name: 'kam_inputs', label: 'Key account inputs', displayOrder: -1 }).reply(201, { name: 'kam_inputs', label: 'Key account inputs', displayOrder: -1, archived: false }, JSON_HEADERS);
    nock(BASE).post('/crm/v3/properties/companies/groups', groupCreateFx.request.body).reply(201, groupCreateFx.response.body, groupCreateFx.response.headers);
    nock(BASE).get('/crm/v3/properties/companies').reply(200, propsFx.response.body, propsFx.response.headers);
    const created: Prop[][] = [];
    nock(BASE).post('/crm/v3/properties/companies/batch/create').reply(201, (_u, body) => {
      const inputs = (body as { inputs: Prop[] }).inputs;
      created.push(inputs);
      return { ...batchFx.response.body, results: inputs.map(asProperty) };
    });
    nock(BASE).patch('/crm/v3/properties/companies/kam_tier', { label: 'KAM value tier', description: 'Platinum, gold, silver or standard by priority rank.' }).reply(200, (_u, body) => asProperty({ ...(propsFx.response.body.results as Prop[])[1]!, ...(body as object) }));
    nock(BASE).get('/crm/v3/properties/deals').reply(200, { results: [] }, JSON_HEADERS);
    nock(BASE).post('/crm/v3/properties/deals/batch/create', { inputs: DEAL_INPUT_PROPERTIES.map(toPropertyCreate) }).reply(201, { ...batchFx.response.body, results: DEAL_INPUT_PROPERTIES.map((p) => asProperty(toPropertyCreate(p))) }, JSON_HEADERS);

    const res = await provisionProperties(h.client, SPECS);
    expect(nock.isDone()).toBe(true);
    expect(res.createdGroups).toEqual(['companies/kam_inputs', 'companies/kam']);
    expect(res.updatedProperties).toEqual(['companies/kam_tier']);
    const all = created.flat();
    expect(created.every((b) => b.length <= 100)).toBe(true);
    expect(all.map((p) => p.name).sort()).toEqual([...INPUT_PROPERTIES, ...OUTPUT_PROPERTIES].map((p) => p.name).filter((n) => n !== 'kam_tier').sort());
    expect(all.find((p) => p.name === 'kam_quadrant')).toEqual({
      name: 'kam_quadrant', label: 'KAM quadrant', description: 'Attractiveness × relative strength.', groupName: 'kam', type: 'enumeration', fieldType: 'select', formField: false,
      options: [
        { label: 'Key (matrix)', value: 'key', displayOrder: 0, hidden: false },
        { label: 'Key development', value: 'key_development', displayOrder: 1, hidden: false },
        { label: 'Maintenance', value: 'maintenance', displayOrder: 2, hidden: false },
        { label: 'Opportunistic', value: 'opportunistic', displayOrder: 3, hidden: false },
      ],
    });
    expect(all.find((p) => p.name === 'kam_priority_rank')).not.toHaveProperty('options');
  });

  it('when provisioning runs twice, then the second run only reads', async () => {
    const h = await portal();
    const api = fakePropertiesApi({ groups: { companies: groupsFx.response.body.results as never } });
    const first = await provisionProperties(h.client, SPECS);
    const writesAfterFirst = api.writes.length;
    expect(first.createdProperties).toHaveLength(INPUT_PROPERTIES.length + OUTPUT_PROPERTIES.length + DEAL_INPUT_PROPERTIES.length);
    const second = await provisionProperties(h.client, SPECS);
    expect(api.writes.length).toBe(writesAfterFirst);
    expect(second).toEqual({ createdGroups: [], createdProperties: [], updatedProperties: [], unchanged: first.createdProperties });
  });

  it('when a property exists with other options, then it is patched with the full option list, not duplicated', async () => {
    const h = await portal();
    const quadrant = toPropertyCreate(OUTPUT_PROPERTIES.find((p) => p.name === 'kam_quadrant')!);
    const stale = { ...quadrant, options: quadrant.options!.slice(0, 2) };
    const api = fakePropertiesApi({
      groups: { companies: [INPUT_GROUP, OUTPUT_GROUP] },
      properties: { companies: [...INPUT_PROPERTIES, ...OUTPUT_PROPERTIES].map(toPropertyCreate).map((p) => (p.name === 'kam_quadrant' ? stale : p)), deals: DEAL_INPUT_PROPERTIES.map(toPropertyCreate) },
    });
    const res = await provisionProperties(h.client, SPECS);
    expect(res.createdProperties).toEqual([]);
    expect(res.updatedProperties).toEqual(['companies/kam_quadrant']);
    expect(api.writes).toEqual([{ method: 'PATCH', path: '/crm/v3/properties/companies/kam_quadrant', body: { options: quadrant.options } }]);
  });

  it('when another install created a property or group first, then "already exists" is not an error', async () => {
    const h = await portal();
    const conflict = fixture('property-create-conflict');
    nock(BASE).get('/crm/v3/properties/companies/groups').reply(200, { results: [] }, JSON_HEADERS);
    nock(BASE).post('/crm/v3/properties/companies/groups').times(2).reply(409, conflict.response.body, conflict.response.headers);
    nock(BASE).get('/crm/v3/properties/companies').reply(200, { results: [] }, JSON_HEADERS);
    nock(BASE).post('/crm/v3/properties/companies/batch/create').reply(207, {
      status: 'COMPLETE', results: [], numErrors: 1, startedAt: '2026-11-22T05:58:12.401Z', completedAt: '2026-11-22T05:58:12.902Z',
      errors: [{ status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: "Property named 'kam_tier' already exists.", context: { name: ['kam_tier'] } }],
    }, JSON_HEADERS);
    await expect(provisionProperties(h.client, [SPECS[0]!])).resolves.toMatchObject({ createdGroups: ['companies/kam_inputs', 'companies/kam'] });
  });

  it('when a property is refused for another reason, then provisioning fails permanently', async () => {
    const h = await portal();
    nock(BASE).get('/crm/v3/properties/deals').reply(200, { results: [] }, JSON_HEADERS);
    nock(BASE).post('/crm/v3/properties/deals/batch/create').reply(207, {
      status: 'COMPLETE', results: [], numErrors: 1, startedAt: '2026-11-22T05:58:12.401Z', completedAt: '2026-11-22T05:58:12.902Z',
      errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Property group dealinformation does not exist' }],
    }, JSON_HEADERS);
    await expect(provisionProperties(h.client, [SPECS[1]!])).rejects.toBeInstanceOf(PermanentError);
  });
});
