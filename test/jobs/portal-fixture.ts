// A seeded portal in a MemoryCrm plus the Redis-backed deps a job gets, for processor tests.
import { pino } from 'pino';
import type { PortalDeps } from '../../jobs/portal-deps.ts';
import type { CompanyInput } from '../../src/model/index.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { MemoryCrm } from '../support/memory-crm.ts';
import type { testRedis } from '../support/redis.ts';

export const AS_OF = new Date('2026-11-22T12:00:00Z');

/** These companies and their deals, linked, in a MemoryCrm. */
export function crmOf(companies: Iterable<CompanyInput>): MemoryCrm {
  const crm = new MemoryCrm();
  for (const c of companies) {
    crm.companies.set(c.id, { ...c.properties });
    for (const d of c.deals ?? []) {
      crm.deals.set(d.id, { ...d.properties });
      crm.link(d.id, c.id);
    }
  }
  return crm;
}

export function seededCrm(count: number, seed = 7): MemoryCrm {
  return crmOf(generatePortfolio({ count, asOf: AS_OF, seed, malformedRate: 0.05 }));
}

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
