// The whole loop over real HTTP and a real Redis: install through OAuth into the sandbox,
// provisioning, the first pass, then deals won and lost in the sandbox → signed webhooks → flush →
// the sandbox's companies and tasks hold exactly what the model computes for its data.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createHubSpotAdapter } from '../../src/hubspot/hubspot-adapter.ts';
import { createLogger } from '../../src/logger.ts';
import { startEmbedded, type Embedded } from '../../src/embedded/start-embedded.ts';
import { readEmbeddedFile } from '../../src/embedded/embedded-file.ts';
import { DEFAULT_SETTINGS, scorePortfolio, toOutputProperties, type CompanyInput } from '../../src/model/index.ts';
import { createFlushQueue, createPassQueue, requestPass } from '../../src/queues.ts';
import { readWebhookStats } from '../../src/store/webhook-stats.ts';
import { dirtyCounts } from '../../src/store/dirty-marks.ts';
import { captureLogs } from '../support/capture-logs.ts';
import { sandboxPortfolio as readSandboxPortfolio } from '../faults/support/verify-state.ts';
import { keyValues } from '../support/redis-keys.ts';
import { testRedis, testRedisUrl } from '../support/redis.ts';
import { eventually } from '../support/wait-for.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
let app: Embedded;
let dataDir: string;
const prefix = (): string => `{${ctx.prefix}}`;

const sandboxPortfolio = (): CompanyInput[] => readSandboxPortfolio(app.sandbox);

const scored = (): boolean => app.sandbox.store.all('companies').every((c) => !!c.properties.kam_category);

async function settled(): Promise<void> {
  await app.sandbox.webhooks.idle();
  await eventually(async () => {
    const d = await dirtyCounts(ctx.redis, prefix(), app.sandbox.portalId);
    return d.companies === 0 && d.deals === 0;
  }, 'the flush clears every dirty mark');
}

async function fullPass(): Promise<void> {
  const queue = createPassQueue(ctx.redis, prefix());
  const id = await requestPass(queue, app.sandbox.portalId, 'manual');
  await eventually(async () => (await queue.getJobState(id!)) === 'completed', 'the pass completes');
  await queue.close();
}

function expectSandboxEqualsModel(): void {
  // The portal's company currency, read at install, names every amount.
  const expected = scorePortfolio(sandboxPortfolio(), { ...DEFAULT_SETTINGS, currency: app.sandbox.store.companyCurrency }, new Date());
  for (const f of expected.accounts) {
    const { kam_scored_at: _at, kam_explanation: _text, ...want } = toOutputProperties(f, { scoredAt: new Date(), modelVersion: 1 });
    const have = app.sandbox.store.getCompany(f.companyId)!.properties;
    for (const [name, value] of Object.entries(want)) expect([f.companyId, name, have[name] ?? '']).toEqual([f.companyId, name, value]);
    expect(have.kam_explanation).toBe(f.explanation);
  }
}

// Every log line of the run, at the most verbose level, to check that no secret is ever in one (R8).
const { logger, lines: logLines } = captureLogs();

beforeAll(async () => {
  ctx = await testRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'kam-e2e-'));
  const base = loadConfig({ REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'trace', FLUSH_DELAY_MS: '200' });
  app = await startEmbedded(base, logger, { companies: 150 });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('end to end against the sandbox', { timeout: 120_000 }, () => {
  it('when installed, then the properties are provisioned and the first pass writes every company exactly as the model computes', async () => {
    await eventually(scored, 'the first pass scores every company');
    await settled();
    expectSandboxEqualsModel();
    const keyAccounts = app.sandbox.store.all('companies').filter((c) => c.properties.kam_category === 'key');
    expect(keyAccounts.length).toBeGreaterThan(0);
    for (const c of keyAccounts) {
      const subjects = app.sandbox.store.taskIdsOf(c.id).map((t) => app.sandbox.store.getTask(t)?.properties.hs_task_subject);
      expect(subjects).toContain(`Write the account plan for ${c.properties.name}`);
    }
  });

  it('when a deal is won for a target and a customer goes quiet, then webhooks bring the new figures and the lost-customer task', async () => {
    const store = app.sandbox.store;
    const target = store.all('companies').find((c) => c.properties.kam_category === 'target')!;
    const customer = store.all('companies').find((c) => c.properties.kam_category === 'normal' && store.dealIdsOf(c.id).length > 0)!;
    const today = new Date().toISOString().slice(0, 10);
    store.createDeal({ dealname: 'First order', amount: '250000', closedate: today, dealstage: 'closedwon', pipeline: 'default' }, { companyIds: [target.id] });
    for (const dealId of store.dealIdsOf(customer.id)) {
      store.updateDeal(dealId, { closedate: '2023-01-15' });
    }
    await eventually(() => store.getCompany(target.id)?.properties.kam_category !== 'target', 'the won deal reaches the target company');
    await eventually(() => store.getCompany(customer.id)?.properties.kam_category === 'lost', 'the quiet customer becomes lost');
    await settled();
    const lostTasks = store.taskIdsOf(customer.id).map((t) => store.getTask(t)?.properties.hs_task_subject);
    expect(lostTasks).toContain(`Find out why ${customer.properties.name} was lost`);
    // Portfolio-wide figures (ranks, thresholds) of other companies move on the next pass.
    await fullPass();
    expectSandboxEqualsModel();
  });

  it('when someone uses the sandbox API token from data/embedded.json, then it reads a company\'s kam_ properties and a deal changed with it is rescored through the webhooks', async () => {
    expect(statSync(app.embeddedFile).mode & 0o777).toBe(0o600);
    const file = readEmbeddedFile(dataDir)!;
    expect(file).toMatchObject({ sandboxUrl: app.sandbox.url, portalId: app.sandbox.portalId, redisUrl: testRedisUrl(), sandboxApiToken: app.sandboxApiToken, queuePrefix: prefix() });
    const store = app.sandbox.store;
    const company = store.all('companies').find((c) => c.properties.kam_category === 'normal' && store.dealIdsOf(c.id).length > 0)!;
    const headers = { authorization: `Bearer ${file.sandboxApiToken}`, 'content-type': 'application/json' };
    const read = await fetch(`${file.sandboxUrl}/crm/v3/objects/companies/${company.id}?properties=name,kam_category,kam_expected_revenue`, { headers });
    expect(read.status).toBe(200);
    const before = ((await read.json()) as { properties: Record<string, string> }).properties;
    expect(before.kam_category).toBe('normal');
    const [dealId] = store.dealIdsOf(company.id);
    const today = new Date().toISOString().slice(0, 10);
    const patch = await fetch(`${file.sandboxUrl}/crm/v3/objects/deals/${dealId}`, { method: 'PATCH', headers, body: JSON.stringify({ properties: { amount: '90000000', dealstage: 'closedwon', closedate: today } }) });
    expect(patch.status).toBe(200);
    await eventually(() => store.getCompany(company.id)?.properties.kam_expected_revenue !== before.kam_expected_revenue, 'the change made by hand reaches the company');
    await settled();
  });

  it('when HubSpot echoes the app’s own writes back as webhooks, then they cause no recompute (R9)', async () => {
    const store = app.sandbox.store;
    // As if the app were (wrongly) subscribed to its own outputs: every write of ours comes back.
    app.sandbox.webhooks.setSubscriptions([...app.sandbox.webhooks.subscriptions, { subscriptionType: 'company.propertyChange', propertyName: 'kam_explanation' }]);
    // A company whose wallet is estimated from its revenue, so a revenue change shows in kam_wallet.
    const company = store.all('companies').find((c) => c.properties.kam_category === 'normal' && !c.properties.kam_category_spend)!;
    const queue = createFlushQueue(ctx.redis, prefix());
    store.updateCompany(company.id, { annualrevenue: '987654321' });
    await eventually(() => store.getCompany(company.id)?.properties.kam_wallet === String(Math.round(987654321 * 0.02)), 'the change is scored');
    await settled();
    await new Promise((r) => setTimeout(r, 500));
    await app.sandbox.webhooks.idle();
    const stats = await readWebhookStats(ctx.redis, prefix());
    expect(stats['dropped-own']).toBeGreaterThanOrEqual(1);
    expect(await dirtyCounts(ctx.redis, prefix(), app.sandbox.portalId)).toMatchObject({ companies: 0, deals: 0 });
    expect(await queue.getWaitingCount() + await queue.getDelayedCount()).toBe(0);
    await queue.close();
  });

  it('when the whole run is over, then no log line and no Redis value holds the client secret or a token (R8)', async () => {
    const adapter = createHubSpotAdapter({ config: app.config, redis: ctx.redis, logger: createLogger({ level: 'silent' }), prefix: prefix() });
    const tokens = await adapter.tokenStore.load(app.sandbox.portalId);
    expect(tokens).not.toBeNull();
    const secrets = [app.config.HUBSPOT_CLIENT_SECRET!, tokens!.accessToken, tokens!.refreshToken, app.config.ADMIN_TOKEN!];
    // The OAuth install and the webhooks were logged: the places where secrets pass.
    expect(logLines.some((l) => l.includes('portal installed'))).toBe(true);
    expect(logLines.some((l) => l.includes('webhook accepted'))).toBe(true);
    for (const secret of secrets) expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    const leaks = (await keyValues(ctx.redis, prefix())).filter(({ key, value }) => secrets.some((secret) => `${key} ${value}`.includes(secret))).map((k) => k.key);
    expect(leaks).toEqual([]);
  });
});
