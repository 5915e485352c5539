// The app's HubSpot adapter (src/hubspot: the real @hubspot/api-client pointed at the sandbox)
// runs every call it makes against the sandbox over real HTTP, and what it reads and writes is what
// the sandbox holds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, UnauthorizedError } from '../../src/errors.ts';
import { COMPANY_OBJECT_TYPE_ID, createListsApi, enumerationIs } from '../../src/hubspot/lists-api.ts';
import { createOAuthApi } from '../../src/hubspot/oauth-api.ts';
import { provisionProperties, type ProvisionSpec } from '../../src/hubspot/provision-properties.ts';
import { DEAL_INPUT_PROPERTIES, DEAL_INPUT_PROPERTY_NAMES, INPUT_GROUP, INPUT_PROPERTIES, OUTPUT_GROUP, OUTPUT_PROPERTIES } from '../../src/model/properties.ts';
import { seedPortfolio } from '../../src/sandbox/index.ts';
import { SANDBOX_USER_ID } from '../../src/sandbox/oauth-routes.ts';
import { sandboxHarness, type SandboxHarness } from './support.ts';

const AS_OF = new Date('2026-11-22T00:00:00Z');
const SPECS: ProvisionSpec[] = [
  { objectType: 'companies', groups: [INPUT_GROUP, OUTPUT_GROUP], properties: [...INPUT_PROPERTIES, ...OUTPUT_PROPERTIES] },
  { objectType: 'deals', groups: [], properties: DEAL_INPUT_PROPERTIES },
];

let h: SandboxHarness;
afterEach(() => h.close());

describe('adapter reads against the sandbox', () => {
  beforeEach(async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    seedPortfolio(h.sandbox, { count: 300, asOf: AS_OF, seed: 11 });
  });

  it('when 250 companies and two unknown ids are read, then 3 batch calls return every stored value and name the unknown ids', async () => {
    const ids = [...Array.from({ length: 250 }, (_, i) => String(1001 + i)), '999', '5'];
    const res = await h.client.readCompanies(ids, ['name', 'annualrevenue', 'kam_category_spend', 'no_such_property']);
    expect(res.missing.sort()).toEqual(['5', '999']);
    expect(res.records).toHaveLength(250);
    for (const r of res.records) {
      const stored = h.sandbox.store.getCompany(r.id)?.properties ?? {};
      expect(r.properties).toEqual({
        name: stored.name ?? null, annualrevenue: stored.annualrevenue ?? null, kam_category_spend: stored.kam_category_spend ?? null,
        createdate: stored.createdate, hs_lastmodifieddate: stored.hs_lastmodifieddate, hs_object_id: r.id,
      });
    }
    expect(h.sandbox.calls.count('companies.batchRead')).toBe(3);
    expect(h.sandbox.calls.summary().byKind).toEqual(h.adapter.callCounter.totalsByKind());
  });

  it('when deals are read, then their model inputs come back as stored strings', async () => {
    const dealIds = h.sandbox.store.dealIdsOf('1001');
    const res = await h.client.readDeals(dealIds, DEAL_INPUT_PROPERTY_NAMES);
    expect(res.records.map((d) => d.id).sort()).toEqual([...dealIds].sort());
    for (const d of res.records) expect(d.properties.amount).toBe(h.sandbox.store.getDeal(d.id)?.properties.amount ?? null);
  });

  it('when associations are read both ways, then they match the store, deals without companies map to []', async () => {
    const companyIds = ['1001', '1002', '1003', '1200'];
    const byCompany = await h.client.dealIdsForCompanies(companyIds);
    for (const c of companyIds) expect([...(byCompany.get(c) ?? [])].sort()).toEqual(h.sandbox.store.dealIdsOf(c).sort());
    const lonely = h.sandbox.store.createDeal({ amount: '5' }, { silent: true });
    const dealIds = [...h.sandbox.store.dealIdsOf('1001'), lonely.id];
    const byDeal = await h.client.companyIdsForDeals(dealIds);
    expect(byDeal.get(lonely.id)).toEqual([]);
    for (const d of dealIds.slice(0, -1)) expect(byDeal.get(d)).toEqual(['1001']);
  });

  it('when a company has 1,200 deals, then the v4 read pages its input (500 a page) and returns all of them', async () => {
    const big = h.sandbox.store.createCompany({ name: 'Big Co' }, { silent: true });
    for (let i = 0; i < 1200; i++) h.sandbox.store.createDeal({ amount: String(i) }, { silent: true, companyIds: [big.id] });
    h.sandbox.calls.reset();
    const res = await h.client.dealIdsForCompanies([big.id, '1001']);
    expect(res.get(big.id)).toHaveLength(1200);
    expect(new Set(res.get(big.id))).toEqual(new Set(h.sandbox.store.dealIdsOf(big.id)));
    expect(h.sandbox.calls.count('associations.batchRead')).toBe(3);
  });

  it('when every company and every deal is paged, then each comes once, 100 a page, with complete associations', async () => {
    const big = h.sandbox.store.createCompany({ name: 'Big Co' }, { silent: true });
    for (let i = 0; i < 130; i++) h.sandbox.store.createDeal({ amount: String(i) }, { silent: true, companyIds: [big.id] });
    const seen = new Map<string, string[]>();
    for await (const page of h.client.pageCompanies(['name'])) for (const r of page.records) seen.set(r.id, r.associatedIds);
    expect(seen.size).toBe(301);
    for (const [id, deals] of seen) expect([...deals].sort()).toEqual(h.sandbox.store.dealIdsOf(id).sort());
    expect(h.sandbox.calls.count('companies.page')).toBe(4);
    expect(h.sandbox.calls.summary().byKind).toEqual(h.adapter.callCounter.totalsByKind());
    let deals = 0;
    for await (const page of h.client.pageDeals(['amount'])) {
      for (const r of page.records) {
        deals += 1;
        expect(r.associatedIds).toEqual(h.sandbox.store.companyIdsOf(r.id));
      }
    }
    expect(deals).toBe(h.sandbox.store.count('deals'));
  });
});

describe('adapter writes against the sandbox', () => {
  beforeEach(async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    seedPortfolio(h.sandbox, { count: 150, asOf: AS_OF, seed: 3 });
  });

  it('when properties are provisioned twice, then the first run creates the groups and properties and the second writes nothing', async () => {
    const first = await provisionProperties(h.client, SPECS);
    expect(first.createdGroups).toEqual(['companies/kam']);
    expect(first.createdProperties).toHaveLength(OUTPUT_PROPERTIES.length);
    expect(h.sandbox.store.properties.get('companies', 'kam_tier')?.options.map((o) => o.value)).toEqual(['platinum', 'gold', 'silver', 'standard']);
    h.sandbox.calls.reset();
    const second = await provisionProperties(h.client, SPECS);
    expect(second).toMatchObject({ createdGroups: [], createdProperties: [], updatedProperties: [] });
    expect(Object.keys(h.sandbox.calls.summary().byKind).sort()).toEqual(['properties.groups.list', 'properties.list']);
  });

  it('when a property definition drifted, then provisioning patches it in the sandbox', async () => {
    await provisionProperties(h.client, SPECS);
    h.sandbox.store.properties.update('companies', 'kam_tier', { label: 'Old label' });
    const res = await provisionProperties(h.client, SPECS);
    expect(res.updatedProperties).toEqual(['companies/kam_tier']);
    expect(h.sandbox.store.properties.get('companies', 'kam_tier')?.label).toBe('KAM value tier');
  });

  it('when 150 companies and one unknown id are updated, then values are stored as strings and the unknown id is reported failed', async () => {
    await provisionProperties(h.client, SPECS);
    const updates = Array.from({ length: 150 }, (_, i) => ({ id: String(1001 + i), properties: { kam_tier: 'gold', kam_priority_rank: String(i + 1) } }));
    const res = await h.client.updateCompanies([...updates, { id: '42', properties: { kam_tier: 'silver' } }]);
    expect(res.updated).toHaveLength(150);
    expect(res.failed).toEqual([{ id: '42', message: expect.stringContaining('Could not get some COMPANY objects'), category: 'OBJECT_NOT_FOUND' }]);
    expect(h.sandbox.store.getCompany('1150')?.properties).toMatchObject({ kam_tier: 'gold', kam_priority_rank: '150' });
    expect(h.sandbox.calls.count('companies.batchUpdate')).toBe(2);
  });

  it('when an update carries an unknown property or a bad number, then HubSpot refuses the batch and nothing is written', async () => {
    await provisionProperties(h.client, SPECS);
    await expect(h.client.updateCompanies([{ id: '1001', properties: { kam_nope: 'x' } }])).rejects.toThrow(PermanentError);
    await expect(h.client.updateCompanies([{ id: '1001', properties: { kam_tier: 'gold', kam_priority_rank: 'first' } }])).rejects.toThrow(/VALIDATION_ERROR/);
    expect(h.sandbox.store.getCompany('1001')?.properties.kam_tier).toBeUndefined();
  });

  it('when tasks are created, then each is stored with its company (type 192) and one for a deleted company fails by itself', async () => {
    h.sandbox.store.deleteCompany('1003', { silent: true });
    const due = new Date('2026-12-01T09:00:00.000Z');
    const tasks = ['1001', '1002', '1003'].map((companyId) => ({ companyId, ownerId: '71234501', subject: `Plan ${companyId}`, body: 'Why', dueAt: due, priority: 'HIGH' as const }));
    const res = await h.client.createTasks(tasks);
    expect(res.created.map((c) => c.companyId).sort()).toEqual(['1001', '1002']);
    expect(res.failed).toEqual([expect.objectContaining({ index: 2, companyId: '1003', category: 'VALIDATION_ERROR' })]);
    for (const c of res.created) {
      expect(h.sandbox.store.taskIdsOf(c.companyId)).toEqual([c.taskId]);
      expect(h.sandbox.store.getTask(c.taskId)?.properties).toMatchObject({
        hs_task_subject: `Plan ${c.companyId}`, hs_task_status: 'NOT_STARTED', hs_task_priority: 'HIGH', hs_timestamp: due.toISOString(),
        hs_task_is_completed: '0', hs_object_source: 'INTEGRATION', hs_object_source_id: h.sandbox.appId,
      });
    }
  });
});

describe('lists against the sandbox', () => {
  beforeEach(async () => {
    h = await sandboxHarness();
  });

  it('when a quadrant list is created twice, then the second run finds the first list; an unknown name is null', async () => {
    const lists = createListsApi(h.client.call);
    const definition = { name: 'KAM: key', objectTypeId: COMPANY_OBJECT_TYPE_ID, processingType: 'DYNAMIC' as const, filterBranch: enumerationIs('kam_quadrant', ['key']) };
    const first = await lists.create(definition);
    const second = await lists.create(definition);
    expect(first.created).toBe(true);
    expect(second).toEqual({ list: first.list, created: false });
    expect(await lists.findByName(COMPANY_OBJECT_TYPE_ID, 'KAM: none')).toBeNull();
    expect(h.sandbox.store.lists.all()).toEqual([expect.objectContaining({ name: 'KAM: key', filterBranch: definition.filterBranch })]);
    expect(h.sandbox.calls.summary().byKind).toEqual(h.adapter.callCounter.totalsByKind());
  });
});

describe('adapter OAuth against the sandbox', () => {
  beforeEach(async () => {
    h = await sandboxHarness();
  });

  it('when the install flow runs, then the code exchange names the portal and the installing user, refresh works and an uninstall revokes the refresh token', async () => {
    const oauth = createOAuthApi({ config: h.config });
    const redirectUri = 'https://kam.example.com/oauth/callback';
    const authorize = new URL(`${h.sandbox.url}/oauth/authorize`);
    for (const [k, v] of Object.entries({ client_id: h.sandbox.clientId, redirect_uri: redirectUri, scope: 'oauth crm.objects.companies.read', state: 'st' })) authorize.searchParams.set(k, v);
    const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '');
    const grant = await oauth.exchangeCode(back.searchParams.get('code') ?? '', redirectUri);
    expect(grant.expiresIn).toBe(1800);
    expect(grant).toMatchObject({ hubId: Number(h.sandbox.portalId), userId: SANDBOX_USER_ID, scopes: ['oauth', 'crm.objects.companies.read'] });
    await expect(oauth.exchangeCode(back.searchParams.get('code') ?? '', redirectUri)).rejects.toThrow(/BAD_AUTH_CODE|invalid_grant/);
    const refreshed = await oauth.refresh(grant.refreshToken);
    expect(refreshed.accessToken).not.toBe(grant.accessToken);
    h.sandbox.oauth.uninstall();
    const err = await oauth.refresh(grant.refreshToken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect((err as UnauthorizedError).revoked).toBe(true);
  });

  it('when the stored access token has expired in the sandbox, then the adapter refreshes it once and its call succeeds', async () => {
    h.sandbox.store.createCompany({ name: 'Acme' }, { id: '7', silent: true });
    h.sandbox.oauth.expireAccessToken(h.accessToken);
    const res = await h.client.readCompanies(['7'], ['name']);
    expect(res.records[0]?.properties.name).toBe('Acme');
    expect(h.sandbox.calls.summary().byStatus['401']).toBe(1);
    expect(h.sandbox.calls.count('oauth.token')).toBe(1);
  });
});
