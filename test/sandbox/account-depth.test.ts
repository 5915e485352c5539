// Account depth in the sandbox: the generator's parent links, contacts and line items (seeded the
// same every time, the companies and deals unchanged by it); the app's batch readers get from the
// sandbox's v4 associations and v3 batch reads exactly what the store holds; the v3 inline shape of
// parent links; and the controls (a parent changed, a buying role set, a contact linked) send the
// webhooks HubSpot would, which the app's receiver parses and turns into the right marks.
import { afterEach, describe, expect, it } from 'vitest';
import { readCompanyContacts, readDealLineItems } from '../../src/hubspot/read-account-depth.ts';
import { readCompanyParents } from '../../src/hubspot/read-company-parents.ts';
import { CONTACT_INPUT_PROPERTY_NAMES, LINE_ITEM_INPUT_PROPERTY_NAMES, PRODUCT_INPUT_PROPERTY_NAMES } from '../../src/model/properties.ts';
import type { CompanyInput } from '../../src/model/types.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';
import { createSandbox, seedPortfolio, type Sandbox } from '../../src/sandbox/index.ts';
import { parseWebhookBatch } from '../../webhooks/event-schemas.ts';
import { eventsToMarks } from '../../webhooks/events-to-marks.ts';
import { call, sandboxHarness, type SandboxHarness } from './support.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';

const AS_OF = new Date('2026-11-22T00:00:00Z');
const take = (n: number, seed: number, accountDepth = true): CompanyInput[] => [...generatePortfolio({ count: n, asOf: AS_OF, seed, accountDepth })];

/** Levels below the top of each company's group (0: a top company). */
function depthOf(companies: CompanyInput[]): Map<string, number> {
  const parent = new Map(companies.map((c) => [c.id, c.parentId ?? null]));
  return new Map(companies.map((c) => {
    let level = 0;
    for (let at = parent.get(c.id); at; at = parent.get(at) ?? null) level += 1;
    return [c.id, level];
  }));
}

describe('generated account depth', () => {
  const portfolio = take(2000, 7);

  it('when generated twice with the same seed, then it is identical, and the companies and deals are those generated without it', () => {
    expect(take(300, 4)).toEqual(take(300, 4));
    const plain = take(300, 4, false);
    const strip = (c: CompanyInput) => ({ id: c.id, properties: c.properties, deals: (c.deals ?? []).map((d) => ({ id: d.id, properties: d.properties })) });
    expect(take(300, 4).map(strip)).toEqual(plain.map(strip));
    expect(plain.every((c) => c.parentId === undefined && c.contacts === undefined)).toBe(true);
  });

  it('when generated, then groups are two or three levels deep, every parent comes earlier, and no company is its own ancestor', () => {
    const levels = depthOf(portfolio);
    const index = new Map(portfolio.map((c, i) => [c.id, i]));
    for (const c of portfolio) if (c.parentId) expect(index.get(c.parentId)).toBeLessThan(index.get(c.id) ?? -1);
    const deepest = Math.max(...levels.values());
    expect(deepest).toBe(2);
    expect([...levels.values()].filter((l) => l === 2).length).toBeGreaterThan(10);
    expect([...levels.values()].filter((l) => l === 1).length).toBeGreaterThan(50);
  });

  it('when generated, then some companies have no contacts, roles are HubSpot values joined by `;`, and only won deals carry line items', () => {
    const roles = new Set(['BLOCKER', 'BUDGET_HOLDER', 'CHAMPION', 'DECISION_MAKER', 'END_USER', 'EXECUTIVE_SPONSOR', 'INFLUENCER', 'LEGAL_AND_COMPLIANCE', 'OTHER']);
    const none = portfolio.filter((c) => (c.contacts ?? []).length === 0).length;
    expect(none / portfolio.length).toBeGreaterThan(0.15);
    expect(none / portfolio.length).toBeLessThan(0.35);
    const values = portfolio.flatMap((c) => c.contacts ?? []).map((p) => p.properties.hs_buying_role).filter((v): v is string => !!v);
    expect(values.some((v) => v.includes(';'))).toBe(true);
    expect(values.every((v) => v.split(';').every((r) => roles.has(r)))).toBe(true);
    const deals = portfolio.flatMap((c) => c.deals ?? []);
    const withItems = deals.filter((d) => (d.lineItems ?? []).length > 0);
    expect(withItems.length).toBeGreaterThan(100);
    expect(withItems.every((d) => d.properties.hs_is_closed_won === 'true')).toBe(true);
    expect(deals.some((d) => d.properties.hs_is_closed_won === 'true' && !d.lineItems)).toBe(true);
    for (const item of withItems.flatMap((d) => d.lineItems ?? [])) {
      expect(Number(item.properties.amount)).toBe(Number(item.properties.quantity) * Number(item.properties.price));
      expect(item.properties.hs_product_id).toBe(item.product?.id);
    }
  });
});

describe('the app reads account depth from the sandbox', () => {
  let h: SandboxHarness;
  afterEach(() => h.close());

  it('when a seeded portal is read in batches, then parents, contacts and line items with their products are what the store holds', async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    const seeded = seedPortfolio(h.sandbox, { count: 400, asOf: AS_OF, seed: 3, accountDepth: true });
    const companies = take(400, 3);
    expect(seeded.depth).toEqual({
      products: 9,
      contacts: companies.reduce((n, c) => n + (c.contacts ?? []).length, 0),
      lineItems: companies.flatMap((c) => c.deals ?? []).reduce((n, d) => n + (d.lineItems ?? []).length, 0),
      childCompanies: companies.filter((c) => c.parentId).length,
    });
    const ids = companies.map((c) => c.id);
    const parents = await readCompanyParents(h.client.call, ids);
    expect(parents).toEqual(new Map(companies.map((c) => [c.id, c.parentId ?? null])));

    const contacts = await readCompanyContacts(h.client.call, ids, CONTACT_INPUT_PROPERTY_NAMES);
    for (const c of companies) {
      const got = (contacts.get(c.id) ?? []).map((r) => [r.id, r.properties.hs_buying_role ?? null]).sort();
      expect(got).toEqual((c.contacts ?? []).map((r) => [r.id, r.properties.hs_buying_role ?? null]).sort());
    }

    const won = companies.flatMap((c) => c.deals ?? []).filter((d) => d.properties.hs_is_closed_won === 'true');
    const calls = h.sandbox.calls.summary().total;
    const items = await readDealLineItems(h.client.call, won.map((d) => d.id), LINE_ITEM_INPUT_PROPERTY_NAMES, PRODUCT_INPUT_PROPERTY_NAMES);
    for (const d of won) {
      const got = (items.get(d.id) ?? []).map((i) => [i.id, i.properties.amount, i.product?.properties.kam_product_line ?? null, i.product?.properties.name]).sort();
      expect(got).toEqual((d.lineItems ?? []).map((i) => [i.id, i.properties.amount, i.product?.properties.kam_product_line ?? null, i.product?.properties.name]).sort());
    }
    // Associations (one call per 1,000 deals), line items (100 a call), products (the catalogue, one call).
    const itemCount = won.reduce((n, d) => n + (d.lineItems ?? []).length, 0);
    expect(h.sandbox.calls.summary().total - calls).toBe(Math.ceil(won.length / 1000) + Math.ceil(itemCount / 100) + 1);
  });

  it('when a child company is read in v3 with its companies, then its parent is child_to_parent_company and the parent sees parent_to_child_company', async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    const store = h.sandbox.store;
    for (const id of ['1', '2', '3']) store.createCompany({ name: `C${id}` }, { id, silent: true });
    store.setParent('2', '1', { silent: true });
    store.setParent('3', '2', { silent: true });
    const child = await call(h.sandbox, h.accessToken, 'GET', '/crm/v3/objects/companies/2?associations=companies');
    expect((child.json.associations as Record<string, unknown>).companies).toEqual({
      results: expect.arrayContaining([{ id: '1', type: 'child_to_parent_company' }, { id: '3', type: 'parent_to_child_company' }]),
    });
    const v4 = await call(h.sandbox, h.accessToken, 'POST', '/crm/v4/associations/companies/companies/batch/read', { inputs: [{ id: '2' }] });
    expect((v4.json.results as { to: unknown[] }[])[0]?.to).toEqual(expect.arrayContaining([
      { toObjectId: 1, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 14, label: 'Parent Company' }] },
      { toObjectId: 3, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 13, label: 'Child Company' }] },
    ]));
    expect(() => store.setParent('1', '3')).toThrow(/cannot be the parent/);
    const second = await call(h.sandbox, h.accessToken, 'PUT', '/crm/v4/objects/companies/3/associations/companies/1', [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 14 }]);
    expect(second.status).toBe(400);
    expect([store.parentIdOf('2'), store.childIdsOf('2'), store.parentIdOf('1')]).toEqual(['1', ['3'], undefined]);
  });

  it("when the account details are asked for, then the portal's company currency comes back in HubSpot's shape, behind the token", async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    h.sandbox.store.companyCurrency = 'CHF';
    const res = await call(h.sandbox, h.accessToken, 'GET', '/account-info/v3/details');
    expect(res.json).toMatchObject({ portalId: Number(h.sandbox.portalId), companyCurrency: 'CHF', additionalCurrencies: [], accountType: 'STANDARD' });
    expect(h.sandbox.calls.count('accountInfo.details')).toBe(1);
    expect((await call(h.sandbox, undefined, 'GET', '/account-info/v3/details')).status).toBe(401);
  });
});

describe('controls send the webhooks HubSpot would', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  async function setup(): Promise<void> {
    receiver = await startReceiver();
    sandbox = await createSandbox({ rateLimit: { enabled: false }, webhooks: { targetUrl: receiver.url, retryDelayMs: 1 } });
    for (const id of ['1', '2', '3']) sandbox.store.createCompany({ name: `C${id}` }, { id, silent: true });
    sandbox.store.setParent('3', '1', { silent: true });
    sandbox.store.createContact({ firstname: 'Ada' }, { id: '501', companyIds: ['3'], silent: true });
  }

  async function marks() {
    await sandbox.webhooks.idle();
    const parsed = parseWebhookBatch(JSON.stringify(receiver.events()));
    if (!parsed.ok) throw new Error(parsed.issues.join('; '));
    return eventsToMarks(parsed.events, { portalId: sandbox.portalId, appId: sandbox.appId }).marks;
  }

  it('when a child moves to another parent, then the old link is removed and the new one added, each from both sides, and all three companies are marked, their links to be read', async () => {
    await setup();
    sandbox.store.setParent('3', '2');
    await sandbox.webhooks.idle();
    const events = receiver.events().map((e) => [e.subscriptionType, e.associationType, e.fromObjectId, e.toObjectId, e.associationRemoved]);
    expect(events).toEqual([
      ['company.associationChange', 'CHILD_TO_PARENT_COMPANY', 3, 1, true],
      ['company.associationChange', 'PARENT_TO_CHILD_COMPANY', 1, 3, true],
      ['company.associationChange', 'CHILD_TO_PARENT_COMPANY', 3, 2, false],
      ['company.associationChange', 'PARENT_TO_CHILD_COMPANY', 2, 3, false],
    ]);
    expect((await marks()).linkCompanyIds!.sort()).toEqual(['1', '2', '3']);
    expect(sandbox.store.parentIdOf('3')).toBe('2');
  });

  it("when a contact's buying role is set, then a contact.propertyChange fires and the contact is marked for the flush to resolve", async () => {
    await setup();
    sandbox.store.updateContact('501', { hs_buying_role: 'DECISION_MAKER;CHAMPION', jobtitle: 'CTO' });
    await sandbox.webhooks.idle();
    expect(receiver.events()).toEqual([expect.objectContaining({
      subscriptionType: 'contact.propertyChange', objectId: 501, propertyName: 'hs_buying_role', propertyValue: 'DECISION_MAKER;CHAMPION', changeSource: 'CRM_UI',
    })]);
    expect(await marks()).toMatchObject({ contactIds: ['501'], companyIds: [] });
  });

  it('when a contact is linked to another company, then both sides fire and the company is marked (its contacts to be read again) without resolving the contact', async () => {
    await setup();
    sandbox.store.associateContact({ contactId: '501', companyId: '2' });
    await sandbox.webhooks.idle();
    expect(receiver.events().map((e) => [e.subscriptionType, e.associationType, e.fromObjectId, e.toObjectId])).toEqual([
      ['contact.associationChange', 'CONTACT_TO_COMPANY', 501, 2],
      ['company.associationChange', 'COMPANY_TO_CONTACT', 2, 501],
    ]);
    expect(await marks()).toMatchObject({ contactCompanyIds: ['2'], companyIds: [], contactIds: [] });
  });

  it('when an invalid buying role is written through the API, then it is refused as HubSpot refuses an unknown option', async () => {
    await setup();
    const token = sandbox.oauth.issueTokens().accessToken;
    const res = await call(sandbox, token, 'PATCH', '/crm/v3/objects/contacts/501', { properties: { hs_buying_role: 'CHAMPION;BOSS' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('BOSS was not one of the allowed options');
  });
});
