// `npm run test:cluster`: the end-to-end loop on a real Redis Cluster (quality.md P7). Starts three
// redis-server masters in cluster mode on loopback ports (37000-37002, or CLUSTER_PORTS="a,b,c"; cluster bus +10000), points
// the app at them (REDIS_URL=redis-cluster://…), and runs over many sandbox portals: install
// through OAuth (the first pass), bursts of edits in every portal (webhooks, flushes, tasks), a
// final pass, then every portal's companies against a from-scratch recompute and its tasks. The
// last line is the per-portal state bytes on each master. Exit 0 only when every company is right,
// no task is duplicated and the busiest master holds at most 1.5 × the mean; exit 0 with
// "skipped" only when redis-server is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { FULL_MIX, tenantSizes } from '../bench/tenant-sizes.ts';
import { createPassQueue, requestPass } from '../src/queues.ts';
import { redisAnswers } from '../src/redis-connections.ts';
import type { Sandbox } from '../src/sandbox/index.ts';
import { mulberry32 } from '../src/sandbox/generate-portfolio.ts';
import { portalStateBytesByMaster } from '../src/store/portal-state-bytes.ts';
import { randomChange } from '../test/faults/support/change-kinds.ts';
import { checkAllFigures, formerKeyAccounts } from '../test/faults/support/verify-state.ts';
import { checkTasks } from '../test/faults/support/verify-tasks.ts';
import { waitFor } from '../test/support/wait-for.ts';
import { startAppOnSandbox } from './app-on-sandbox.ts';

const PORTS = (process.env.CLUSTER_PORTS ?? '37000,37001,37002').split(',').map(Number);
if (PORTS.length !== 3 || PORTS.some((p) => !Number.isInteger(p) || p <= 0 || p > 55535)) throw new Error('CLUSTER_PORTS: three ports, comma-separated (each + 10000 must be free too)');
const SLOTS = 16384;
/**
 * Portals of the many-portals scenario (bench/tenant-sizes.ts) but its largest: one portal holding
 * 30 % of all state cannot spread by portal. CLUSTER_PORTALS takes the first N of them (the 9
 * mid-sized first, then the small ones), named in the output, where the whole set is too slow.
 */
const ALL_SIZES = tenantSizes(FULL_MIX).slice(1);
const SIZES = process.env.CLUSTER_PORTALS ? ALL_SIZES.slice(0, Number(process.env.CLUSTER_PORTALS)) : ALL_SIZES;
const EDITS_PER_PORTAL = 20;

const print = (line: string): void => void process.stdout.write(`${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function startNode(port: number, dir: string): ChildProcess {
  return spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
    '--cluster-node-timeout', '5000', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes',
  ], { stdio: 'ignore' });
}

/** Slots split in three ranges, the nodes introduced to each other, until every node says ok. */
async function formCluster(): Promise<void> {
  for (const port of PORTS) await waitFor(() => redisAnswers(`redis://127.0.0.1:${port}`), `redis-server on ${port}`, 10_000, 200);
  const nodes = PORTS.map((port) => new Redis({ port, host: '127.0.0.1' }));
  try {
    for (const [i, n] of nodes.entries()) {
      const from = Math.floor((i * SLOTS) / nodes.length);
      const to = Math.floor(((i + 1) * SLOTS) / nodes.length);
      await n.call('CLUSTER', 'ADDSLOTS', ...Array.from({ length: to - from }, (_, s) => String(from + s)));
    }
    for (const port of PORTS.slice(1)) await nodes[0]!.call('CLUSTER', 'MEET', '127.0.0.1', String(port));
    await waitFor(async () => {
      for (const n of nodes) if (!String(await n.call('CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
      return true;
    }, 'the cluster to form', 30_000, 200);
  } finally {
    for (const n of nodes) n.disconnect();
  }
}

/** One portal's view of the sandbox, as the fault suite's checks read the sandbox portal. */
const portalView = (sandbox: Sandbox, portalId: string): Sandbox => ({ ...sandbox, portalId, store: sandbox.portal(portalId) });

async function runLoop(url: string): Promise<boolean> {
  const asOf = new Date();
  const installing = Date.now();
  const scope = SIZES.length === ALL_SIZES.length ? 'all' : `the first ${SIZES.length} (CLUSTER_PORTALS)`;
  print(`portals: ${scope} of the tenants scenario's ${ALL_SIZES.length} portals but its largest`);
  const app = await startAppOnSandbox({ redisUrl: url, sizes: SIZES, asOf });
  const { sandbox, redis, prefix, portalIds: ids } = app;
  try {
    print(`installed and scored ${ids.length} portals (${SIZES.reduce((a, b) => a + b, 0)} companies) in ${((Date.now() - installing) / 1000).toFixed(0)} s`);

    const random = mulberry32(7);
    for (const id of ids) {
      const store = sandbox.portal(id);
      const companies = store.all('companies').map((c) => c.id);
      for (let i = 0; i < Math.min(EDITS_PER_PORTAL, companies.length); i++) randomChange(random, companies[Math.floor(random() * companies.length)]!, asOf.getTime())(store);
    }
    await app.settled();
    print(`bursts of ${EDITS_PER_PORTAL} edits per portal flushed`);

    // A final pass per portal, as the fault suite does, so that ranks and thresholds are compared too.
    const wasKey = new Map(ids.map((id) => [id, formerKeyAccounts(portalView(sandbox, id))]));
    const passes = createPassQueue(redis, prefix);
    const jobIds = await Promise.all(ids.map((id) => requestPass(passes, id, 'manual')));
    // The pass queue keeps its last 100 completed jobs and every failed one: a job gone is a job done.
    await waitFor(async () => {
      const states = await Promise.all(jobIds.map((j) => passes.getJobState(j!)));
      if (states.includes('failed')) throw new Error('a final pass failed');
      return states.every((s) => s === 'completed' || s === 'unknown');
    }, 'the final passes', 900_000, 200);
    await passes.close();
    await app.settled();

    let wrong = 0, duplicates = 0, open = 0;
    for (const id of ids) {
      const check = await checkAllFigures(portalView(sandbox, id), redis, prefix, wasKey.get(id)!);
      const tasks = checkTasks(portalView(sandbox, id), []);
      wrong += check.wrong.length;
      duplicates += tasks.duplicates;
      open += tasks.open;
      for (const d of [...check.diffs, ...tasks.diffs]) print(`  portal ${id}: ${d}`);
    }
    print(`companies wrong against a from-scratch recompute: ${wrong}; open tasks: ${open}; duplicate tasks: ${duplicates}`);

    const companies = SIZES.reduce((a, b) => a + b, 0);
    const perMaster = await portalStateBytesByMaster(redis, prefix);
    const total = perMaster.reduce((a, b) => a + b, 0);
    const mean = total / perMaster.length;
    const busiest = Math.max(...perMaster);
    print(`per-portal state: ${total.toLocaleString('en-US')} bytes, ${(total / companies).toFixed(0)} per company; busiest master ${(busiest / mean).toFixed(2)} × the mean (P7: ≤ 1.5)`);
    const ok = wrong === 0 && duplicates === 0 && busiest <= 1.5 * mean;
    print(`keys per master: ${perMaster.join(' ')}`);
    return ok;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  if (spawnSync('redis-server', ['--version']).error) {
    print('test:cluster skipped: redis-server is not on the PATH (install redis-server to run it)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kam-cluster-'));
  const nodes = PORTS.map((port) => startNode(port, dir));
  try {
    await formCluster();
    print(`redis cluster: 3 masters on 127.0.0.1:${PORTS.join(', ')}`);
    const ok = await runLoop(`redis-cluster://${PORTS.map((p) => `127.0.0.1:${p}`).join(',')}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const n of nodes) n.kill('SIGTERM');
    await sleep(300);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
