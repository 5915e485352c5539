// `npm run demo`: a scenario on the embedded default, printed as it goes: install into the sandbox,
// the first full pass, a backfill, a burst of deal changes, and a customer lost, each with what the
// app changed in the sandbox's CRM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.ts';
import { startEmbedded, type Embedded } from './embedded/start-embedded.ts';
import { plural } from './cli/plural.ts';
import { createLogger } from './logger.ts';
import { createPassQueue, requestPass } from './queues.ts';
import { dirtyCounts } from './store/dirty-marks.ts';
import { createStateRedis } from './redis-connections.ts';

type Snapshot = Map<string, Record<string, string | null | undefined>>;
const say = (text: string): void => void process.stdout.write(`${text}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function snapshot(app: Embedded): Snapshot {
  return new Map(app.sandbox.store.all('companies').map((c) => [c.id, { ...c.properties }]));
}

function describeChanges(app: Embedded, before: Snapshot, tasksBefore: number): void {
  const after = snapshot(app);
  const moved: string[] = [];
  for (const [id, now] of after) {
    const was = before.get(id) ?? {};
    const parts = (['kam_category', 'kam_quadrant', 'kam_tier', 'kam_action'] as const)
      .filter((k) => (was[k] ?? '') !== (now[k] ?? ''))
      .map((k) => `${k.slice(4)} ${was[k] ?? '–'} → ${now[k]}`);
    if (parts.length) moved.push(`    ${now.name} (${id}): ${parts.join(', ')}`);
  }
  say(`  ${plural(moved.length, 'company', 'companies')} changed category, quadrant, tier or action${moved.length ? ':' : '.'}`);
  moved.slice(0, 12).forEach((m) => say(m));
  if (moved.length > 12) say(`    … and ${moved.length - 12} more`);
  const tasks = app.sandbox.store.all('tasks').slice(tasksBefore);
  say(`  ${plural(tasks.length, 'task')} created${tasks.length ? ':' : '.'}`);
  tasks.slice(0, 8).forEach((t) => say(`    • ${t.properties.hs_task_subject} (due ${t.properties.hs_timestamp?.slice(0, 10)})`));
}

async function until(check: () => Promise<boolean> | boolean, limitMs = 120_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('the demo waited too long');
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kam-demo-'));
  const base = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? dataDir, PORT: process.env.PORT ?? '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', FLUSH_DELAY_MS: process.env.FLUSH_DELAY_MS ?? '1000', HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: '' });
  const logger = createLogger({ level: base.LOG_LEVEL, name: 'kam-demo' });
  say('1. Install: a local HubSpot portal with 300 companies, the app installed through OAuth.');
  const app = await startEmbedded(base, logger, { companies: 300 });
  // Say which sandbox this is: not the one `npm start` runs, whose data the demo never touches.
  say(`  This demo runs its own sandbox (${app.sandbox.url}, portal ${app.sandbox.portalId}), app (${app.config.PUBLIC_BASE_URL}) and ${process.env.REDIS_URL ? `Redis prefix ${app.config.QUEUE_PREFIX} on REDIS_URL` : 'private Redis'},`);
  say(`  with its data in ${base.DATA_DIR}; the app that npm start runs is left alone. All of it stops when the demo ends.`);
  const redis = createStateRedis(app.config.REDIS_URL ?? '', logger);
  const portal = app.sandbox.portalId;
  const settled = async (): Promise<void> => {
    await app.sandbox.webhooks.idle();
    await until(async () => {
      const d = await dirtyCounts(redis, app.config.QUEUE_PREFIX, portal);
      return d.companies === 0 && d.deals === 0;
    });
  };
  try {
    let before = snapshot(app);
    await until(() => app.sandbox.store.all('companies').every((c) => !!c.properties.kam_category));
    const count = (k: string, v: string): number => app.sandbox.store.all('companies').filter((c) => c.properties[k] === v).length;
    say(`  first pass done: key ${count('kam_category', 'key')}, normal ${count('kam_category', 'normal')}, target ${count('kam_category', 'target')}, lost ${count('kam_category', 'lost')}; ${app.sandbox.store.count('tasks')} account-plan tasks.`);

    say('2. Backfill: a full pass on demand (kam backfill --portal ' + portal + ').');
    const queue = createPassQueue(redis, app.config.QUEUE_PREFIX);
    const calls = app.sandbox.calls.count();
    const id = await requestPass(queue, portal, 'manual');
    await until(async () => (await queue.getJobState(id!)) === 'completed');
    say(`  done; nothing had changed, so nothing was written (${app.sandbox.calls.count() - calls} API calls, all reads).`);
    await queue.close();

    say('3. A burst: 400 deal changes over 80 companies in a few seconds (amounts up 40 %, some won).');
    before = snapshot(app);
    let tasksBefore = app.sandbox.store.count('tasks');
    const companies = app.sandbox.store.all('companies').slice(0, 80);
    const today = new Date().toISOString().slice(0, 10);
    for (let round = 0; round < 5; round++) {
      for (const c of companies) {
        const [dealId] = app.sandbox.store.dealIdsOf(c.id);
        if (!dealId) continue;
        const deal = app.sandbox.store.getDeal(dealId)!;
        const amount = Math.round(Number(deal.properties.amount ?? 10000) * 1.4 ** (round === 4 ? 1 : 0));
        app.sandbox.store.updateDeal(dealId, round === 4 ? { amount: String(amount), dealstage: 'closedwon', closedate: today } : { amount: String(amount + round) });
      }
    }
    await settled();
    describeChanges(app, before, tasksBefore);

    say('4. A customer goes quiet: every deal of a large customer closed more than 18 months ago.');
    before = snapshot(app);
    tasksBefore = app.sandbox.store.count('tasks');
    const customer = app.sandbox.store.all('companies').find((c) => c.properties.kam_category === 'normal' || c.properties.kam_category === 'key')!;
    for (const dealId of app.sandbox.store.dealIdsOf(customer.id)) app.sandbox.store.updateDeal(dealId, { closedate: '2024-01-15' });
    await settled();
    describeChanges(app, before, tasksBefore);
    say(`  ${customer.properties.name} now reads: "${app.sandbox.store.getCompany(customer.id)?.properties.kam_explanation?.slice(0, 160)}…"`);
  } finally {
    redis.disconnect();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
