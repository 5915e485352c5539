// P3: a burst of 10,000 webhook events over a 1,000-company portal (5 deals each) is recomputed with
// at most 0.1 HubSpot calls per company, through the real receiver, adapter and SDK (nock answers).
import nock from 'nock';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { hubspotCrm } from '../../jobs/hubspot-crm.ts';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { createHubSpotAdapter } from '../../src/hubspot/hubspot-adapter.ts';
import { dirtyCounts } from '../../src/store/dirty-marks.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { nockPortal } from '../support/nock-portal.ts';
import { useTestRedis } from '../support/redis.ts';
import { BASE, PORTAL } from '../support/hubspot-fixtures.ts';
import { APP_ID, testConfig } from '../support/test-config.ts';
import { sendSigned, startReceiver, type Receiver } from '../webhooks/support/receiver.ts';
import { ALL_DEPTH, AS_OF, portalDeps, seededCrm } from './portal-fixture.ts';


const ctx = useTestRedis();
let receiver: Receiver | undefined;
afterEach(async () => {
  nock.cleanAll();
  await receiver?.flushQueue.obliterate({ force: true });
  await receiver?.close();
});

function event(i: number, companyIds: string[], dealIds: string[]) {
  const base = { eventId: i, subscriptionId: 11, portalId: Number(PORTAL), appId: Number(APP_ID), occurredAt: 1795326912044 + i, attemptNumber: 0, changeSource: 'CRM_UI', sourceId: 'userId:7' };
  return i % 2 === 0
    ? { ...base, subscriptionType: 'company.propertyChange', objectId: Number(companyIds[(i / 2) % companyIds.length]), propertyName: 'annualrevenue', propertyValue: String(1000 + i) }
    : { ...base, subscriptionType: 'deal.propertyChange', objectId: Number(dealIds[i % dealIds.length]), propertyName: 'amount', propertyValue: String(i) };
}

describe('P3: API economy', () => {
  it.each([
    ['', false],
    [' with parents, contacts and line items in the model', true],
  ])('when 10,000 events hit 1,000 companies%s, then each company is recomputed once for ≤ 100 HubSpot calls', async (_what, accountDepth) => {
    const prefix = `{${ctx.prefix}}`;
    // The limiter is tested on its own; here it would only make the test wait.
    const config = testConfig({ QUEUE_PREFIX: prefix, HUBSPOT_API_BASE: BASE, RATE_LIMIT_PER_10S: '1000' });
    const logger = pino({ level: 'silent' });
    const crm = seededCrm(1000, 7, { accountDepth });
    const depth = accountDepth ? ALL_DEPTH : undefined;
    // The portal as it stands after install: scored once, portfolio state in Redis.
    await portfolioPass({ ...portalDeps(ctx, crm), prefix, depth });
    const adapter = createHubSpotAdapter({ config, redis: ctx.redis, logger, prefix });
    await adapter.tokenStore.save(PORTAL, { accessToken: 'access-p3', refreshToken: 'refresh-p3', expiresAt: Date.now() + 3_600_000 });
    await adapter.portals.markInstalled(PORTAL);

    // The burst, through the real receiver: 100 signed batches of 100 events.
    receiver = await startReceiver({ redis: ctx.redis, prefix, config });
    const companyIds = [...crm.companies.keys()];
    const dealIds = [...crm.deals.keys()];
    for (let b = 0; b < 100; b++) {
      const body = JSON.stringify(Array.from({ length: 100 }, (_, j) => event(b * 100 + j, companyIds, dealIds)));
      expect((await sendSigned(receiver, body)).status).toBe(200);
    }
    expect(await receiver.flushQueue.count()).toBe(1);
    // The data really changed, so the recompute writes.
    for (const [, deal] of crm.deals) deal.amount = String(Number(deal.amount ?? 0) + 1000);

    const api = nockPortal(BASE, crm);
    const outcome = await flushPortal({ ...portalDeps(ctx, crm, PORTAL, () => AS_OF.getTime()), prefix, settings: new SettingsStore(ctx.redis, prefix), crm: hubspotCrm(adapter.clientFor(PORTAL, logger)), depth });
    api.done();

    expect(outcome.recomputed).toBe(1000);
    expect(await dirtyCounts(ctx.redis, prefix, PORTAL)).toMatchObject({ companies: 0, deals: 0 });
    expect(api.calls['companies.batchUpdate']).toBeGreaterThanOrEqual(10);
    const perCompany = api.total() / outcome.recomputed;
    if (accountDepth) console.log(`P3 seeded per company: ${(crm.contacts.size / 1000).toFixed(2)} contacts, ${(crm.lineItems.size / 1000).toFixed(2)} line items; ${crm.parents.size} companies with a parent`);
    console.log(`P3: ${api.total()} HubSpot calls for ${outcome.recomputed} companies (${perCompany.toFixed(3)} per company) after 10,000 events`, api.calls);
    expect(api.total()).toBeLessThanOrEqual(100);
  });
});
