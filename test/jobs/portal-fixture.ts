// A seeded portal in a MemoryCrm plus the Redis-backed deps a job gets, for processor tests.
import { pino } from 'pino';
import type { PortalDeps } from '../../jobs/portal-deps.ts';
import type { CompanyInput } from '../../src/model/index.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { MemoryCrm } from '../support/memory-crm.ts';
import type { testRedis } from '../support/redis.ts';

export const AS_OF = new Date('2026-11-22T12:00:00Z');

/** These companies in a MemoryCrm, linked: their deals, and the account depth they carry (parents, contacts, line items). */
export function crmOf(companies: Iterable<CompanyInput>): MemoryCrm {
  const crm = new MemoryCrm();
  for (const c of companies) {
    crm.companies.set(c.id, { ...c.properties });
    if (c.parentId) crm.parents.set(c.id, c.parentId);
    for (const contact of c.contacts ?? []) {
      crm.contacts.set(contact.id, { ...contact.properties });
      crm.linkContact(contact.id, c.id);
    }
    for (const d of c.deals ?? []) {
      crm.deals.set(d.id, { ...d.properties });
      crm.link(d.id, c.id);
      for (const item of d.lineItems ?? []) {
        crm.lineItems.set(item.id, { ...item.properties });
        crm.dealItems.set(d.id, [...(crm.dealItems.get(d.id) ?? []), item.id]);
        if (item.product) crm.products.set(item.product.id, { ...item.product.properties });
      }
    }
  }
  return crm;
}

export function seededCrm(count: number, seed = 7, options: { accountDepth?: boolean } = {}): MemoryCrm {
  return crmOf(generatePortfolio({ count, asOf: AS_OF, seed, malformedRate: 0.05, accountDepth: options.accountDepth }));
}

/** Every account-depth read on (the portal granted contacts, line items and products; the depth properties exist). */
export const ALL_DEPTH = { contacts: true, lineItems: true, products: true, outputs: true };

export function portalDeps(ctx: Awaited<ReturnType<typeof testRedis>>, crm: MemoryCrm, portalId = '24681357', now = () => AS_OF.getTime()): PortalDeps {
  return { redis: ctx.redis, prefix: ctx.prefix, portalId, crm, settings: new SettingsStore(ctx.redis, ctx.prefix), logger: pino({ level: 'silent' }), now };
}

/** The portal's companies with their deals, as the model's input: what a from-scratch recompute sees. */
export function portfolioOf(crm: MemoryCrm) {
  return [...crm.companies].map(([id, properties]) => ({
    id,
    properties,
    deals: [...crm.links].filter(([dealId, cs]) => cs.has(id) && crm.deals.has(dealId)).map(([dealId]) => ({ id: dealId, properties: crm.deals.get(dealId)! })),
  }));
}

/** portfolioOf with account depth as HubSpot holds it: parents, contacts, every deal's line items and their products. */
export function depthPortfolioOf(crm: MemoryCrm): CompanyInput[] {
  return portfolioOf(crm).map((c) => ({
    ...c,
    parentId: crm.parents.get(c.id) ?? null,
    contacts: [...crm.contactLinks].filter(([id, cs]) => cs.has(c.id) && crm.contacts.has(id)).map(([id]) => ({ id, properties: crm.contacts.get(id)! })),
    deals: c.deals.map((d) => ({
      ...d,
      lineItems: (crm.dealItems.get(d.id) ?? []).flatMap((itemId) => {
        const item = crm.lineItems.get(itemId);
        if (!item) return [];
        const product = crm.products.get(item.hs_product_id ?? '');
        return [{ id: itemId, properties: item, product: product ? { id: item.hs_product_id!, properties: product } : null }];
      }),
    })),
  }));
}
