// Issue 13.8: the app home page's server time and a what-if's, for a portal of 100,000 stored
// companies, over real HTTP on loopback with signed requests (as HubSpot's proxy sends them) and
// the machine's Redis under a private prefix. The home page is answered from the portal's snapshot:
// the first load builds it (scoring every company once), the later ones read it. The baseline is
// what the operator's page does per request: load and score every stored company.
import { Redis } from 'ioredis';
import { createHubSpotRoutes } from '../src/http/hubspot-routes.ts';
import { signProxyRequest } from '../src/hubspot/proxy-request.ts';
import { SnapshotCache } from '../src/hubspot-pages/snapshot-cache.ts';
import { UserDirectory } from '../src/hubspot-pages/user-directory.ts';
import { WhatIfRunner } from '../src/hubspot-pages/what-if-runner.ts';
import { createLogger } from '../src/logger.ts';
import { loadStoredCompanies } from '../src/portfolio-page/load-stored-companies.ts';
import { oneAtATime } from '../src/portfolio-page/one-at-a-time.ts';
import { scoreInSlices } from '../src/portfolio-page/score-in-slices.ts';
import { createPassQueue } from '../src/queues.ts';
import { generatePortfolio } from '../src/sandbox/generate-portfolio.ts';
import { createPortalStore } from '../src/store/portal-store.ts';
import { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import { SettingsStore } from '../src/store/settings-store.ts';
import { deleteKeysMatching } from '../test/support/redis-keys.ts';
import type { BenchResult } from './bench-result.ts';
import { serveRoutes, type Served } from '../test/support/serve.ts';

const COMPANIES = 100_000;
const LOADS = 40;
const PAGES = 40;
const PORTAL = '24681357';
const INSTALLER = '71234567';
const SECRET = 'bench-client-secret';
const APP_ID = '3141592';
const PUBLIC_BASE_URL = 'https://kam.example.com';

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export default async function hubspotPagesBench(): Promise<BenchResult> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `{kambench-pages-${process.pid}-${Date.now()}}`;
  const logger = createLogger({ level: 'error' });
  const passQueue = createPassQueue(redis, prefix);
  let server: Served | undefined;
  try {
    const asOf = new Date();
    const inputs = new PortfolioInputs(redis, prefix, PORTAL);
    let batch = [];
    for (const company of generatePortfolio({ count: COMPANIES, asOf, seed: 13, dealsPerCompany: 5 })) {
      batch.push(company);
      if (batch.length === 1000) {
        await inputs.save(batch);
        batch = [];
      }
    }
    await inputs.save(batch);
    const portals = createPortalStore({ redis, prefix });
    await portals.markInstalled(PORTAL);
    const settings = new SettingsStore(redis, prefix);
    const loadCompanies = (portalId: string) => loadStoredCompanies(new PortfolioInputs(redis, prefix, portalId));
    const serial = oneAtATime();
    const now = Date.now;
    const snapshots = new SnapshotCache({ loadCompanies, settings, serial, now, logger });
    const hubspot = createHubSpotRoutes({
      config: { PUBLIC_BASE_URL, HUBSPOT_CLIENT_SECRET: SECRET, HUBSPOT_CLIENT_SECRET_PREVIOUS: undefined, HUBSPOT_APP_ID: APP_ID, HUBSPOT_AUTHORIZE_URL: 'https://app.hubspot.com/oauth/authorize' },
      portals, logger, now, settings, passQueue, firstLoadWaitMs: 600_000,
      snapshots, whatIf: new WhatIfRunner({ snapshots, serial, now, appOrigin: 'https://app.hubspot.com' }),
      directory: new UserDirectory({ usersApi: () => { throw new Error('not used'); }, scopesOf: async () => [], now, logger }),
      installerOf: async () => INSTALLER,
    });
    server = await serveRoutes({ hubspot });
    const base = server.url;
    const call = async (method: string, path: string, body?: unknown): Promise<{ ms: number; status: number; json: Record<string, unknown> }> => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const signed = signProxyRequest({ secret: SECRET, method, url: `${PUBLIC_BASE_URL}${path}`, body: text, now: Date.now(), caller: { portalId: PORTAL, userId: INSTALLER, userEmail: 'bench@example.com', appId: APP_ID } });
      const url = new URL(signed.url);
      const started = performance.now();
      const res = await fetch(`${base}${url.pathname}${url.search}`, { method, headers: { ...signed.headers, 'content-type': 'application/json' }, body: text });
      const json = (await res.json()) as Record<string, unknown>;
      return { ms: performance.now() - started, status: res.status, json };
    };

    // The baseline: one request's work the way the operator page does it.
    const baselineStart = performance.now();
    const all = await loadCompanies(PORTAL);
    await scoreInSlices(all, (await settings.get(PORTAL)).settings, new Date());
    const baselineMs = performance.now() - baselineStart;

    const first = await call('GET', '/api/hubspot/portfolio');
    if (first.status !== 200 || first.json.status !== 'ready') throw new Error(`first load answered ${first.status} ${String(first.json.status)}`);
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) loads.push((await call('GET', '/api/hubspot/portfolio')).ms);
    const pages: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < PAGES; i++) {
      const r = await call('GET', `/api/hubspot/portfolio?list=all&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      cursor = ((r.json.page as { nextCursor: string | null }).nextCursor);
      pages.push(r.ms);
    }
    const whatIfs: number[] = [];
    const whatIfCpu: number[] = [];
    for (const capacity of [10, 50]) {
      const cpu = process.cpuUsage();
      const r = await call('POST', '/api/hubspot/what-if', { settings: { keyAccountCapacity: capacity } });
      if (r.status !== 200) throw new Error(`what-if answered ${r.status}`);
      const used = process.cpuUsage(cpu);
      whatIfs.push(r.ms);
      whatIfCpu.push((used.user + used.system) / 1000);
    }
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    process.stderr.write(`hubspot pages: first load ${first.ms.toFixed(0)} ms, summary p50 ${percentile(loads, 50).toFixed(1)} ms p95 ${percentile(loads, 95).toFixed(1)} ms, page p95 ${percentile(pages, 95).toFixed(1)} ms, what-if ${whatIfs.map((m) => m.toFixed(0)).join(' / ')} ms (cpu ${whatIfCpu.map((m) => m.toFixed(0)).join(' / ')} ms), baseline ${baselineMs.toFixed(0)} ms, heap ${heapMb.toFixed(0)} MB\n`);
    const n = COMPANIES.toLocaleString('en-US');
    return {
      name: 'hubspot-pages',
      rows: [
        { figure: `home page summary, ${n} companies: p95 server time after the first load (${LOADS} loads)`, value: percentile(loads, 95), unit: 'ms', baseline: baselineMs, goal: '≤ 300 ms' },
        { figure: `home page summary, ${n} companies: p50 after the first load`, value: percentile(loads, 50), unit: 'ms' },
        { figure: `home page, ${n} companies: first load (builds the snapshot: loads and scores every company once)`, value: first.ms, unit: 'ms' },
        { figure: `account list page of 100 rows by cursor, ${n} companies: p95 (${PAGES} pages)`, value: percentile(pages, 95), unit: 'ms' },
        { figure: `what-if, ${n} companies (the proposed settings scored against the page's snapshot): slowest of ${whatIfs.length}`, value: Math.max(...whatIfs), unit: 'ms', goal: '≤ 3,000 ms' },
        { figure: 'what-if: CPU time of the process (user + system; the wall time above includes waiting for a shared CPU)', value: Math.max(...whatIfCpu), unit: 'ms' },
        { figure: 'heap used by the process after the snapshot and the what-ifs', value: heapMb, unit: 'MB' },
      ],
    };
  } finally {
    await server?.close();
    await passQueue.close();
    await deleteKeysMatching(redis, `${prefix}*`);
    // The portal's own keys drop the prefix's braces (portal-keys.ts).
    await deleteKeysMatching(redis, `${prefix.replace(/[{}]/g, '')}:{*`);
    redis.disconnect();
  }
}
