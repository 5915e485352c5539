// A HubSpot portal answered by nock with HubSpot's wire shapes, backed by a MemoryCrm's data, so the
// real adapter (SDK, limiter, tokens) runs end to end without a network. Counts calls by path.
import nock from 'nock';
import type { MemoryCrm } from './memory-crm.ts';

type Body = Record<string, unknown>;
const now = (): string => new Date().toISOString();
const obj = (id: string, props: Record<string, string | null | undefined>, names: string[]) => ({
  id, properties: Object.fromEntries(names.map((n) => [n, props[n] ?? null])), createdAt: now(), updatedAt: now(), archived: false,
});
const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };

export function nockPortal(base: string, crm: MemoryCrm): { calls: Record<string, number>; total: () => number; done: () => void } {
  const calls: Record<string, number> = {};
  const count = (kind: string): void => {
    calls[kind] = (calls[kind] ?? 0) + 1;
  };
  const scope = nock(base).persist();
  const stores = { companies: crm.companies, deals: crm.deals, contacts: crm.contacts, line_items: crm.lineItems, products: crm.products };
  const batchRead = (type: keyof typeof stores) => (_uri: string, body: Body) => {
    count(`${type}.batchRead`);
    const inputs = body.inputs as { id: string }[];
    if (inputs.length > 100) return [400, { status: 'error', category: 'VALIDATION_ERROR', message: 'too many inputs' }, JSON_HEADERS];
    const store = stores[type];
    const results = inputs.filter((i) => store.has(i.id)).map((i) => obj(i.id, store.get(i.id)!, body.properties as string[]));
    const missing = inputs.filter((i) => !store.has(i.id)).map((i) => i.id);
    const errors = missing.length ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some objects', context: { ids: missing } }] : [];
    return [missing.length ? 207 : 200, { status: 'COMPLETE', results, errors, numErrors: errors.length, startedAt: now(), completedAt: now() }, JSON_HEADERS];
  };
  scope.post('/crm/v3/objects/companies/batch/read').reply(batchRead('companies') as never);
  scope.post('/crm/v3/objects/deals/batch/read').reply(batchRead('deals') as never);
  for (const type of ['contacts', 'line_items', 'products'] as const) scope.post(`/crm/v3/objects/${type}/batch/read`).reply(batchRead(type) as never);
  // Account depth (§8–§10): parent links (type 14 child → parent), contacts of companies and back, line items of deals.
  const depthLinks: Record<string, [number, (id: string) => string[]]> = {
    'companies/companies': [14, (id) => (crm.parents.has(id) ? [crm.parents.get(id)!] : [])],
    'companies/contacts': [280, (id) => [...crm.contactLinks].filter(([c, cs]) => cs.has(id) && crm.contacts.has(c)).map(([c]) => c)],
    'contacts/companies': [279, (id) => (crm.contacts.has(id) ? [...(crm.contactLinks.get(id) ?? [])] : [])],
    'deals/line_items': [19, (id) => crm.dealItems.get(id) ?? []],
  };
  scope.post(/\/crm\/v4\/associations\/(companies\/companies|companies\/contacts|contacts\/companies|deals\/line_items)\/batch\/read/).reply(((uri: string, body: Body) => {
    const pair = /associations\/([a-z_]+\/[a-z_]+)\/batch/.exec(uri)![1]!;
    count(`associations.${pair}`);
    const [typeId, targets] = depthLinks[pair]!;
    const inputs = body.inputs as { id: string }[];
    const results = inputs.map((i) => ({ from: { id: i.id }, to: targets(i.id).map((t) => ({ toObjectId: Number(t), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }] })) }))
      .filter((r) => r.to.length > 0);
    return [207, { status: 'COMPLETE', results, errors: [], startedAt: now(), completedAt: now() }, JSON_HEADERS];
  }) as never);
  scope.post(/\/crm\/v4\/associations\/(deals\/companies|companies\/deals)\/batch\/read/).reply(((uri: string, body: Body) => {
    const fromDeals = uri.includes('/associations/deals/');
    count(fromDeals ? 'associations.dealsToCompanies' : 'associations.companiesToDeals');
    const inputs = body.inputs as { id: string }[];
    if (inputs.length > 1000) return [400, { status: 'error', category: 'VALIDATION_ERROR', message: 'too many inputs' }, JSON_HEADERS];
    const targets = (id: string): string[] => fromDeals
      ? (crm.deals.has(id) ? [...(crm.links.get(id) ?? [])] : [])
      : [...crm.links].filter(([d, cs]) => cs.has(id) && crm.deals.has(d)).map(([d]) => d);
    const results = inputs.map((i) => ({ from: { id: i.id }, to: targets(i.id).map((t) => ({ toObjectId: Number(t), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: fromDeals ? 341 : 342, label: null }] })) }))
      .filter((r) => r.to.length > 0);
    return [207, { status: 'COMPLETE', results, errors: [], startedAt: now(), completedAt: now() }, JSON_HEADERS];
  }) as never);
  scope.post('/crm/v3/objects/companies/batch/update').reply(((_uri: string, body: Body) => {
    count('companies.batchUpdate');
    const inputs = body.inputs as { id: string; properties: Record<string, string> }[];
    if (inputs.length > 100) return [400, { status: 'error', category: 'VALIDATION_ERROR', message: 'too many inputs' }, JSON_HEADERS];
    for (const i of inputs) Object.assign(crm.companies.get(i.id) ?? {}, i.properties);
    return [200, { status: 'COMPLETE', results: inputs.map((i) => obj(i.id, crm.companies.get(i.id) ?? {}, Object.keys(i.properties))), startedAt: now(), completedAt: now() }, JSON_HEADERS];
  }) as never);
  scope.post('/crm/v3/objects/tasks/batch/create').reply(((_uri: string, body: Body) => {
    count('tasks.batchCreate');
    const inputs = body.inputs as { objectWriteTraceId?: string; properties: Record<string, string>; associations: { to: { id: string } }[] }[];
    const results = inputs.map((i) => {
      const id = String(700_000 + crm.tasks.length);
      const p = i.properties;
      crm.tasks.push({ id, status: 'NOT_STARTED', companyId: i.associations[0]!.to.id, ownerId: p.hubspot_owner_id ?? null, subject: p.hs_task_subject ?? '', body: p.hs_task_body ?? '', dueAt: new Date(p.hs_timestamp ?? 0), priority: 'HIGH', playKey: p.kam_play_key ?? '' });
      return { ...obj(id, p, Object.keys(p)), objectWriteTraceId: i.objectWriteTraceId };
    });
    return [201, { status: 'COMPLETE', results, startedAt: now(), completedAt: now() }, JSON_HEADERS];
  }) as never);
  scope.post('/crm/v3/objects/tasks/batch/read').reply(((_uri: string, body: Body) => {
    count('tasks.batchRead');
    const ids = (body.inputs as { id: string }[]).map((i) => i.id);
    const results = crm.tasks.filter((t) => ids.includes(t.id)).map((t) => obj(t.id, { hs_task_status: t.status }, ['hs_task_status']));
    return [200, { status: 'COMPLETE', results, startedAt: now(), completedAt: now() }, JSON_HEADERS];
  }) as never);
  scope.post('/crm/v3/objects/tasks/search').reply(((_uri: string, body: Body) => {
    count('tasks.search');
    const values = ((body.filterGroups as { filters: { values: string[] }[] }[])[0]?.filters[0]?.values) ?? [];
    const results = crm.tasks.filter((t) => values.includes(t.playKey)).map((t) => obj(t.id, { kam_play_key: t.playKey }, ['kam_play_key']));
    return [200, { total: results.length, results }, JSON_HEADERS];
  }) as never);
  return {
    calls,
    total: () => Object.values(calls).reduce((a, b) => a + b, 0),
    done: () => scope.persist(false),
  };
}
