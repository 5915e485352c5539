// Provisioning account depth against the sandbox (the real portal client over HTTP): the depth
// inputs land in the inputs group and the outputs in the outputs group with their options, the
// product line on products, the company currency is read; the depth flag the write path checks is
// set only when the depth properties were created; a second run writes nothing; and a portal
// installed before this release gets them on its first pass (the flag unset), once.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { provisionPortal } from '../../jobs/provision-portal.ts';
import { startWorkers } from '../../jobs/start-workers.ts';
import { PermanentError } from '../../src/errors.ts';
import { readAppScopes } from '../../src/hubspot/app-scopes.ts';
import { portalFeatures } from '../../src/hubspot/portal-features.ts';
import { DEPTH_INPUT_PROPERTIES, DEPTH_OUTPUT_PROPERTIES, INPUT_GROUP, OUTPUT_GROUP } from '../../src/model/properties.ts';
import { createPassQueue, requestPass } from '../../src/queues.ts';
import { createWorkerRedis } from '../../src/redis-connections.ts';
import { depthPropertiesReady, portalCurrency, setDepthPropertiesReady } from '../../src/store/portal-profile.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { sandboxHarness, type SandboxHarness } from '../sandbox/support.ts';
import { testRedisUrl } from '../support/redis.ts';
import { seededCrm } from './portal-fixture.ts';

const config = { PUBLIC_BASE_URL: 'https://kam.example.com' };
let h: SandboxHarness;
afterEach(() => h.close());

const provision = (harness: SandboxHarness) => provisionPortal({
  client: harness.client, portalId: harness.sandbox.portalId, portals: harness.adapter.portals, scopes: readAppScopes(), config,
  redis: harness.redis, prefix: harness.prefix, logger: pino({ level: 'silent' }),
});

describe('provisioning account depth', () => {
  it('when a portal is provisioned, then depth inputs and outputs are in their groups with options, the product line is on products, the currency is read, and the flag is set', async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    h.sandbox.store.companyCurrency = 'CHF';
    const portal = h.sandbox.portalId;
    expect(await depthPropertiesReady(h.redis, h.prefix, portal)).toBe(false);

    const report = await provision(h);

    expect(report.steps.filter((s) => s.outcome !== 'done')).toEqual([]);
    for (const p of DEPTH_INPUT_PROPERTIES) expect(h.sandbox.store.properties.get('companies', p.name)).toMatchObject({ groupName: INPUT_GROUP.name, type: p.type });
    for (const p of DEPTH_OUTPUT_PROPERTIES) expect(h.sandbox.store.properties.get('companies', p.name)).toMatchObject({ groupName: OUTPUT_GROUP.name, type: p.type });
    const stage = h.sandbox.store.properties.get('companies', 'kam_relationship_stage');
    expect(stage?.options.map((o) => o.value)).toEqual(DEPTH_OUTPUT_PROPERTIES.find((p) => p.name === 'kam_relationship_stage')?.options?.map((o) => o.value));
    expect(stage?.options.length).toBe(5);
    expect(h.sandbox.store.properties.get('products', 'kam_product_line')).toMatchObject({ groupName: 'productinformation', type: 'string' });
    expect(await depthPropertiesReady(h.redis, h.prefix, portal)).toBe(true);
    expect(await portalCurrency(h.redis, h.prefix, portal)).toBe('CHF');

    const again = await provision(h);
    expect(again.steps.filter((s) => s.step.endsWith('properties')).map((s) => s.detail)).toEqual(Array(5).fill(expect.stringMatching(/^0 created, 0 updated, \d+ unchanged$/)));
  });

  it('when the portal did not grant the products scope, then the product line is not created, products say why they are off, and depth is still ready', async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    const granted = [...readAppScopes().required, ...readAppScopes().optional].filter((s) => s !== 'crm.objects.products.read');
    await h.adapter.portals.markInstalled(h.sandbox.portalId, { scopes: granted });

    const report = await provision(h);

    expect(report.steps.find((s) => s.step === 'product properties')?.outcome).toBe('skipped');
    expect(h.sandbox.store.properties.get('products', 'kam_product_line')).toBeUndefined();
    const { features } = await portalFeatures({ portals: h.adapter.portals, scopes: readAppScopes(), config }, h.sandbox.portalId);
    expect(features.find((f) => f.id === 'products')).toMatchObject({ enabled: false, missingScopes: ['crm.objects.products.read'] });
    expect(await depthPropertiesReady(h.redis, h.prefix, h.sandbox.portalId)).toBe(true);
  });

  it('when HubSpot refuses to create the depth properties, then the flag stays unset, the other steps run and the install succeeds', async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    const createProperties: typeof h.client.createProperties = async (type, defs) => {
      if (defs.some((d) => d.name === 'kam_group_size')) throw new PermanentError('HubSpot answered 400: VALIDATION_ERROR: a property named kam_group_size exists');
      return h.client.createProperties(type, defs);
    };
    const report = await provisionPortal({
      client: { ...h.client, createProperties }, portalId: h.sandbox.portalId, portals: h.adapter.portals, scopes: readAppScopes(), config,
      redis: h.redis, prefix: h.prefix, logger: pino({ level: 'silent' }),
    });
    expect(report.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['company properties', 'done'], ['account depth properties', 'refused'], ['deal properties', 'done'], ['task properties', 'done'],
      ['product properties', 'done'], ['company currency', 'done'], ['lists', 'done'],
    ]);
    expect(await depthPropertiesReady(h.redis, h.prefix, h.sandbox.portalId)).toBe(false);
  });
});

describe('a portal installed before account depth', () => {
  it('when its first pass after the upgrade runs, then provisioning runs once first; once the flag is set, later passes do not provision but still read the account details', async () => {
    h = await sandboxHarness({ rateLimit: { enabled: false } });
    const prefix = `{${h.prefix}}`;
    const provisioned: string[] = [];
    const refreshed: string[] = [];
    const connection = createWorkerRedis(testRedisUrl(), pino({ level: 'silent' }));
    const crm = seededCrm(5);
    const workers = await startWorkers({
      connection, redis: h.redis, prefix, logger: pino({ level: 'silent' }), concurrency: 1, flushDelayMs: 200, sweepEveryMs: 600_000,
      settings: new SettingsStore(h.redis, prefix), crmFor: async () => crm,
      provision: async (portalId) => {
        provisioned.push(portalId);
        await setDepthPropertiesReady(h.redis, prefix, portalId, true);
      },
      refreshProfile: async (portalId) => void refreshed.push(portalId),
      installedPortals: async () => ['1'], isInstalled: async () => true,
    });
    const queue = createPassQueue(connection, prefix);
    try {
      for (let run = 0; run < 2; run++) {
        const id = await requestPass(queue, '1', 'schedule');
        const job = await queue.getJob(String(id));
        const until = Date.now() + 20_000;
        while (!(await job?.isCompleted()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        expect(await job?.isCompleted()).toBe(true);
      }
      expect(provisioned).toEqual(['1']);
      // The currency is read again before every pass (an admin may change it in HubSpot).
      expect(refreshed).toEqual(['1', '1']);
    } finally {
      await queue.close();
      await workers.close();
      connection.disconnect();
    }
  });
});
