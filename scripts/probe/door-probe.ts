// `npm run probe -- door` (R10): starts `npm run server` on 127.0.0.1:33100 with a private key
// prefix, attacks it from several client processes, and prints the server's RSS growth, its open
// connections, and the latency of /healthz and of a valid signed webhook during and after:
//   1. 1,500 connections, each a 1 MiB unsigned webhook body that stalls;
//   2. the same with fake signature headers (they pass the header check and meet the budget);
//   3. 3,200 slow connections sending a header line every 10 s, reopened when closed, from 4 processes.
// Then it waits (at most 30 s) for the open connections to return to their baseline. Bounded:
// about two and a half minutes; it deletes every key it created.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { installedSetKey } from '../../src/store/portal-store.ts';
import { deleteKeysMatching } from '../../test/support/redis-keys.ts';
import { signV3 } from '../../webhooks/verify-signature.ts';

const PORT = 33100;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = `probe-secret-${randomUUID()}`;
const PORTAL = '33100';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `{kamprobe-${randomUUID().slice(0, 8)}}`;
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = ['--import', 'tsx'];

interface Sample {
  at: number;
  /** The server's CPU seconds so far (user + system). */
  cpuS: number;
  rssMb: number;
  sockets: number;
  healthMs: number | null;
  webhookMs: number | null;
  webhookStatus: number | string;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '0';
  return Number(line.replace(/\D+/g, '')) / 1024;
}

function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): user and system clock ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function openSockets(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch { /* closed meanwhile */ }
  }
  return n;
}

async function timed(run: () => Promise<Response>): Promise<{ ms: number | null; status: number | string }> {
  const started = performance.now();
  try {
    const res = await run();
    await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status };
  } catch (err) {
    return { ms: null, status: (err as Error).name === 'TimeoutError' ? 'timeout' : 'error' };
  }
}

let eventId = 1;
function signedWebhook(): Promise<Response> {
  const body = JSON.stringify([{
    eventId: eventId++, subscriptionId: 1, portalId: Number(PORTAL), appId: 1, occurredAt: Date.now(), attemptNumber: 0,
    subscriptionType: 'company.propertyChange', objectId: 1000 + (eventId % 50), propertyName: 'annualrevenue', propertyValue: '1', changeSource: 'CRM_UI',
  }]);
  const timestamp = String(Date.now());
  const signature = signV3(SECRET, 'POST', `${BASE}/webhooks/hubspot`, body, timestamp);
  return fetch(`${BASE}/webhooks/hubspot`, {
    method: 'POST', body, signal: AbortSignal.timeout(5000),
    headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  });
}

async function sample(pid: number): Promise<Sample> {
  const [health, hook] = await Promise.all([timed(() => fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(5000) })), timed(signedWebhook)]);
  return { at: Date.now(), cpuS: cpuSeconds(pid), rssMb: rssMb(pid), sockets: openSockets(pid), healthMs: health.ms, webhookMs: hook.ms, webhookStatus: hook.status };
}

/** Samples every 500 ms while `during` runs. */
async function watch(pid: number, during: Promise<unknown>): Promise<Sample[]> {
  const samples: Sample[] = [];
  let done = false;
  void during.finally(() => (done = true));
  while (!done) {
    samples.push(await sample(pid));
    await new Promise((r) => setTimeout(r, 500));
  }
  return samples;
}

function attackers(args: string[][]): Promise<string[]> {
  return Promise.all(args.map((a) => new Promise<string>((resolve) => {
    const child = spawn(process.execPath, [...tsx, 'scripts/probe/door-attacker.ts', ...a], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => void (out += String(d)));
    child.on('exit', () => resolve(out.trim()));
  })));
}

// Started as `npm run server` and the Dockerfile start it: a young generation of at most 8 MB per
// semi-space. V8 grows it under the allocation churn of thousands of short connections (each slow
// client is cut after 5 s and comes back), which alone added 50 to 100 MB of RSS in this probe.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...tsx, 'src/server.ts'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(PORT), HUBSPOT_CLIENT_SECRET: SECRET, PUBLIC_BASE_URL: BASE, QUEUE_PREFIX: prefix, REDIS_URL, LOG_LEVEL: 'error', ADMIN_TOKEN: '', METRICS_TOKEN: '', TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
  });
  for (let i = 0; i < 100; i++) {
    if ((await timed(() => fetch(`${BASE}/healthz`))).status === 200) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('the server did not start on port 33100');
}

const fmt = (n: number | null | undefined, digits = 0): string => (n == null ? '—' : n.toFixed(digits));
const max = (xs: (number | null)[]): number | null => (xs.some((x) => x === null) ? null : Math.max(...(xs as number[])));

/** The server's CPU use over the samples, in % of one core. */
function cpuShare(samples: Sample[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at === first.at) return null;
  return ((last.cpuS - first.cpuS) / ((last.at - first.at) / 1000)) * 100;
}

function row(name: string, samples: Sample[], baseRss: number, phaseRss: number): string {
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.webhookStatus] = (statuses[s.webhookStatus] ?? 0) + 1;
  const within = samples.filter((s) => s.healthMs !== null && s.healthMs <= 1000 && s.webhookStatus === 200 && (s.webhookMs ?? Infinity) <= 1000).length;
  return [
    name.padEnd(34),
    fmt(Math.max(...samples.map((s) => s.rssMb)) - baseRss, 1).padStart(8),
    fmt(Math.max(...samples.map((s) => s.rssMb)) - phaseRss, 1).padStart(8),
    String(Math.max(...samples.map((s) => s.sockets))).padStart(7),
    fmt(max(samples.map((s) => s.healthMs)), 0).padStart(8),
    fmt(max(samples.map((s) => s.webhookMs)), 0).padStart(8),
    `${within}/${samples.length}`.padStart(8),
    fmt(cpuShare(samples), 0).padStart(6),
    `  ${Object.entries(statuses).map(([k, v]) => `${k}×${v}`).join(' ')}`,
  ].join(' ');
}

export async function runDoorProbe(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.sadd(installedSetKey(prefix), PORTAL);
  const server = await startServer();
  const pid = server.pid as number;
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const baseline = await watch(pid, new Promise((r) => setTimeout(r, 3000)));
    const baseRss = Math.min(...baseline.map((s) => s.rssMb));
    const baseSockets = Math.max(...baseline.map((s) => s.sockets));
    const phases: [string, string[][]][] = [
      ['1,500 × 1 MiB unsigned, stalled', [0, 1, 2].map(() => ['body', String(PORT), '500', '20', 'unsigned'])],
      ['1,500 × 1 MiB fake-signed, stalled', [0, 1, 2].map(() => ['body', String(PORT), '500', '20', 'fake'])],
      ['3,200 slow (a header line / 10 s)', [0, 1, 2, 3].map(() => ['slow', String(PORT), '800', '40'])],
    ];
    const lines: string[] = [];
    const reports: string[] = [];
    let allWithin = true;
    let rssOk = true;
    const only = process.argv[3]; // `npm run probe -- door slow`: one phase alone
    for (const [name, args] of phases.filter(([n]) => !only || n.includes(only))) {
      const phaseRss = rssMb(pid);
      const run = attackers(args);
      const samples = await watch(pid, run);
      reports.push(...(await run).map((r) => `  ${name}: ${r}`));
      lines.push(row(name, samples, baseRss, phaseRss));
      allWithin &&= samples.every((s) => s.healthMs !== null && s.healthMs <= 1000 && s.webhookStatus === 200 && (s.webhookMs ?? Infinity) <= 1000);
      rssOk &&= Math.max(...samples.map((s) => s.rssMb)) - phaseRss <= 100;
      // Between phases: back to the baseline before the next attack.
      await watch(pid, waitForBaseline(pid, baseSockets, 30_000));
    }
    const endedAt = Date.now();
    const after = await watch(pid, waitForBaseline(pid, baseSockets, 30_000));
    const backAfterS = (Date.now() - endedAt) / 1000;
    const back = openSockets(pid) <= baseSockets;
    console.log(`door probe: server pid ${pid} on ${BASE}, baseline RSS ${fmt(baseRss, 1)} MB, ${baseSockets} sockets (listener + Redis); machine load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`${'phase'.padEnd(34)} ${'RSS +MB'.padStart(8)} ${'+MB'.padStart(8)} ${'sockets'.padStart(7)} ${'health'.padStart(8)} ${'webhook'.padStart(8)} ${'≤1 s/200'.padStart(8)} ${'CPU %'.padStart(6)}   webhook statuses`);
    console.log(`${''.padEnd(34)} ${'vs start'.padStart(8)} ${'vs phase'.padStart(8)} ${'(max)'.padStart(7)} ${'ms max'.padStart(8)} ${'ms max'.padStart(8)}`);
    lines.forEach((l) => console.log(l));
    if (after.length) console.log(row('after the last attack', after, baseRss, baseRss));
    console.log(`open sockets back to the baseline (${baseSockets}) ${back ? `within ${fmt(backAfterS, 1)} s` : 'NOT within 30 s'} of the last attack`);
    console.log('attackers (per process):');
    reports.forEach((r) => console.log(r));
    const ok = rssOk && allWithin && back;
    console.log(`R10 goals: RSS growth ≤ 100 MB during each attack ${rssOk ? 'yes' : 'NO'}; /healthz and a valid webhook 200 within 1 s throughout ${allWithin ? 'yes' : 'NO'}; connections back within 30 s ${back ? 'yes' : 'NO'}`);
    return ok;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await deleteKeysMatching(redis, `${prefix}*`);
    redis.disconnect();
  }
}

async function waitForBaseline(pid: number, baseline: number, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until && openSockets(pid) > baseline) await new Promise((r) => setTimeout(r, 250));
}
