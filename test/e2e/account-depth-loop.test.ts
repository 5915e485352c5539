// Account depth end to end (scoring-model.md §8–§10): the app installed into a sandbox portal seeded
// with parent companies, contacts and line items; a parent link changed in the sandbox and a buying
// role set on a contact reach the app as HubSpot's webhooks, and the flush writes what the model
// computes from the sandbox's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startEmbedded, type Embedded } from '../../src/embedded/start-embedded.ts';
import { scorePortfolio, type Settings, toDepthOutputProperties, toOutputProperties, type AccountFigures, type CompanyInput } from '../../src/model/index.ts';
import { dirtyCounts } from '../../src/store/dirty-marks.ts';
import { depthPropertiesReady } from '../../src/store/portal-profile.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { sandboxPortfolio as readSandboxPortfolio } from '../faults/support/verify-state.ts';
import { eventually } from '../support/wait-for.ts';
import { testRedis, testRedisUrl } from '../support/redis.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
let app: Embedded;
let dataDir: string;
const prefix = (): string => `{${ctx.prefix}}`;

const sandboxPortfolio = (): CompanyInput[] => readSandboxPortfolio(app.sandbox);

function expectWritten(accounts: readonly AccountFigures[]): void {
  for (const f of accounts) {
    const { kam_scored_at: _a, ...want } = { ...toOutputProperties(f, { scoredAt: new Date(), modelVersion: 1 }), ...toDepthOutputProperties(f) };
    const have = app.sandbox.store.getCompany(f.companyId)!.properties;
    for (const [name, value] of Object.entries(want)) expect([f.companyId, name, have[name] ?? '']).toEqual([f.companyId, name, value]);
  }
}

async function settled(): Promise<void> {
  await app.sandbox.webhooks.idle();
  await eventually(async () => {
    const d = await dirtyCounts(ctx.redis, prefix(), app.sandbox.portalId);
    return d.companies === 0 && d.deals === 0 && d.contacts === 0;
  }, 'the flush clears every dirty mark');
}

beforeAll(async () => {
  ctx = await testRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'kam-e2e-depth-'));
  const base = loadConfig({ REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', FLUSH_DELAY_MS: '200' });
  app = await startEmbedded(base, createLogger({ level: 'warn' }), { companies: 150, accountDepth: true });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('account depth end to end against the sandbox', { timeout: 120_000 }, () => {
  it('when installed into a portal with groups, contacts and line items, then the first pass writes every company its group, lines and stage as the model computes', async () => {
    await eventually(() => app.sandbox.store.all('companies').every((c) => !!c.properties.kam_relationship_stage), 'the first pass writes the depth outputs');
    await settled();
    expect(await depthPropertiesReady(ctx.redis, prefix(), app.sandbox.portalId)).toBe(true);
    const expected = scorePortfolio(sandboxPortfolio(), portalSettings(), new Date());
    expect(expected.groupCount).toBeGreaterThan(3);
    expectWritten(expected.accounts);
  });

  it('when a parent link changes in the sandbox, then both groups are re-scored and written', async () => {
    const store = app.sandbox.store;
    const before = scorePortfolio(sandboxPortfolio(), portalSettings(), new Date()).accounts;
    const sizeOf = (top: string) => before.filter((f) => f.group?.groupId === top).length;
    const mover = before.find((f) => f.group && f.group.groupId !== f.companyId && sizeOf(f.group.groupId) >= 3)!;
    const oldTop = mover.group!.groupId;
    const newTop = before.find((f) => f.group && f.group.groupId === f.companyId && f.companyId !== oldTop)!.companyId;
    store.setParent(mover.companyId, newTop);
    await eventually(() => store.getCompany(mover.companyId)?.properties.kam_group_id === newTop, 'the moved company is written its new group');
    await settled();
    // The flush is exact for the companies it recomputed: both groups' members, the 'auto' target as the pass held it.
    const after = scorePortfolio(sandboxPortfolio(), { ...portalSettings(), profitTarget: heldTarget() }, new Date());
    const both = after.accounts.filter((f) => f.group && [oldTop, newTop].includes(f.group.groupId));
    expect(both.length).toBe(sizeOf(oldTop) + sizeOf(newTop));
    expectWritten(both);
  });

  it('when a buying role is set on a contact of a key account, then its stage and missing roles are written and the buying-committee play is created', async () => {
    const store = app.sandbox.store;
    const key = store.all('companies').find((c) => c.properties.kam_is_key_account === 'true' && c.properties.kam_group_size === '1' && store.contactIdsOf(c.id).length > 0)!;
    const [contactId] = store.contactIdsOf(key.id);
    // First the full committee on one contact, then (once written) the executive sponsor taken away.
    store.updateContact(contactId!, { hs_buying_role: 'DECISION_MAKER;CHAMPION;EXECUTIVE_SPONSOR' });
    await eventually(() => (store.getCompany(key.id)?.properties.kam_buying_roles_missing ?? '') === '', 'the full committee is written');
    await settled();
    for (const t of store.taskIdsOf(key.id)) store.updateTask(t, { hs_task_status: 'COMPLETED' });
    store.updateContact(contactId!, { hs_buying_role: 'DECISION_MAKER;CHAMPION;END_USER' });
    await eventually(() => store.getCompany(key.id)?.properties.kam_buying_roles_missing === 'EXECUTIVE_SPONSOR', 'the missing sponsor is written');
    await settled();
    const expected = scorePortfolio(sandboxPortfolio(), { ...portalSettings(), profitTarget: heldTarget() }, new Date()).accounts.find((f) => f.companyId === key.id)!;
    expect(store.getCompany(key.id)?.properties.kam_relationship_stage).toBe(expected.relationship.stage);
    const subjects = store.taskIdsOf(key.id).map((t) => store.getTask(t)?.properties).filter((p) => p?.hs_task_status !== 'COMPLETED').map((p) => p?.hs_task_subject);
    expect(subjects).toContain(`Map the buying committee of ${key.properties.name}: no executive sponsor`);
  });
});

let target: number | null = null;
let settings: Settings | null = null;
/** The portal's settings as every job reads them (the company currency read at provisioning included). */
function portalSettings(): Settings {
  if (settings === null) throw new Error('no settings read');
  return settings;
}
/** The 'auto' profit target the first pass worked out (the flushes hold it until the next pass). */
function heldTarget(): number {
  if (target === null) throw new Error('no target read');
  return target;
}
beforeAll(async () => {
  await eventually(() => app.sandbox.store.all('companies').every((c) => !!c.properties.kam_relationship_stage), 'the first pass', 90_000);
  const { PortfolioState } = await import('../../src/store/portfolio-state.ts');
  target = await new PortfolioState(ctx.redis, prefix(), app.sandbox.portalId).profitTarget();
  settings = (await new SettingsStore(ctx.redis, prefix()).get(app.sandbox.portalId)).settings;
}, 120_000);
