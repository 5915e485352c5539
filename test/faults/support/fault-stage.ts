// The stage of a fault scenario: the sandbox seeded with a portfolio, the app's HTTP server in this
// process, workers as real processes (`node --import tsx src/worker.ts`, optionally behind the
// recording proxy), all on one Redis under a private prefix; the app installed through OAuth and its
// first pass done. Then the scenario breaks things and asks when all settled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MAINTENANCE_QUEUE } from '../../../jobs/start-workers.ts';
import type { Config } from '../../../src/config.ts';
import { installThroughOAuth } from '../../../src/embedded/install-into-sandbox.ts';
import { captureLogs } from '../../support/capture-logs.ts';
import { createFlushQueue, createPassQueue, requestPass } from '../../../src/queues.ts';
import { createSandbox, seedPortfolio, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.ts';
import { startServer, type RunningServer } from '../../../src/server.ts';
import { dirtyCounts } from '../../../src/store/dirty-marks.ts';
import { startCallProxy, type CallProxy } from './call-proxy.ts';
import { appConfig, workerEnv } from './stage-config.ts';
import { deleteKeysMatching } from '../../support/redis-keys.ts';
import { waitFor } from '../../support/wait-for.ts';
import { spawnWorker, type WorkerProcess } from './worker-process.ts';
import { portalKeys } from '../../../src/store/portal-keys.ts';

export interface StageOptions {
  redisUrl: string;
  /** A hash tag, e.g. `{faults-r2-1234}`. */
  prefix: string;
  companies: number;
  seed: number;
  flushDelayMs?: number;
  sandbox?: Pick<SandboxOptions, 'faults' | 'rateLimit'>;
  /** First retry delay of the sandbox's webhook sender (default 200 ms; doubles up to 2 s, 60 attempts). */
  webhookRetryDelayMs?: number;
  /** Worker processes started before the install (default 1). */
  workers?: number;
  /** HUBSPOT_TIMEOUT_MS of the app (default: the configuration's). */
  requestTimeoutMs?: number;
  /** Route worker processes through the recording proxy. */
  proxy?: boolean;
}

export interface Delivery {
  /** Events in POSTs the app answered 2xx. */
  accepted: number;
  /** Events in POSTs answered otherwise (5xx, timeouts): HubSpot retries them. */
  refused: number;
  /** Events the sender gave up on after its last attempt. */
  gaveUp: number;
}

export interface Stage {
  readonly options: StageOptions;
  readonly sandbox: Sandbox;
  readonly config: Config;
  readonly server: RunningServer;
  readonly redis: Redis;
  readonly prefix: string;
  readonly portalId: string;
  readonly proxy: CallProxy | undefined;
  readonly workers: WorkerProcess[];
  readonly delivery: Delivery;
  /** warn-and-above lines of the server log. */
  readonly logs: string[];
  startWorker(name?: string): Promise<WorkerProcess>;
  /** Nothing dirty, no flush or pass waiting or running, the portal lock free. */
  isSettled(): Promise<boolean>;
  /** Every webhook delivered (or given up), then isSettled. */
  settled(limitMs?: number): Promise<void>;
  fullPass(limitMs?: number): Promise<'completed' | 'failed'>;
  failedJobs(): Promise<number>;
  close(): Promise<void>;
}

export async function startFaultStage(options: StageOptions): Promise<Stage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kam-faults-'));
  const { logger, lines: logs } = captureLogs({ level: 'warn', keepLast: 500 });
  const delivery: Delivery = { accepted: 0, refused: 0, gaveUp: 0 };
  const retry = options.webhookRetryDelayMs ?? 200;
  const sandbox = await createSandbox({
    seed: options.seed, ...options.sandbox,
    webhooks: {
      retryDelayMs: retry, maxDelayMs: retry * 10, maxAttempts: 60,
      onAttempt: (a) => {
        const ok = a.status !== undefined && a.status >= 200 && a.status < 300;
        if (ok) delivery.accepted += a.events.length;
        else delivery.refused += a.events.length;
        if (a.outcome === 'failed') delivery.gaveUp += a.events.length;
      },
    },
  });
  seedPortfolio(sandbox, { count: options.companies, asOf: new Date(), seed: options.seed });
  const config = await appConfig(options, sandbox, dataDir);
  const server = await startServer(config, logger);
  const proxy = options.proxy ? await startCallProxy(sandbox.url) : undefined;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // R2 takes Redis away on purpose; checks retry
  const queues = { flush: createFlushQueue(redis, options.prefix), pass: createPassQueue(redis, options.prefix), maintenance: new Queue(MAINTENANCE_QUEUE, { connection: redis, prefix: options.prefix }) };
  const workers: WorkerProcess[] = [];
  const portalId = sandbox.portalId;

  const stage: Stage = {
    options, sandbox, config, server, redis, prefix: options.prefix, portalId, proxy, workers, delivery, logs,
    async startWorker(name = `w${workers.length + 1}`) {
      const worker = await spawnWorker(name, workerEnv(config, proxy ? proxy.baseFor(name) : sandbox.url));
      workers.push(worker);
      return worker;
    },
    async isSettled() {
      const d = await dirtyCounts(redis, options.prefix, portalId);
      if (d.companies + d.deals + d.retiredCompanies > 0) return false;
      const flush = await queues.flush.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const pass = await queues.pass.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const busy = Object.values(flush).reduce((a, b) => a + b, 0) + Object.values(pass).reduce((a, b) => a + b, 0);
      return busy === 0 && (await redis.exists(portalKeys(options.prefix, portalId).lock)) === 0;
    },
    async settled(limitMs = 180_000) {
      await sandbox.webhooks.idle();
      await waitFor(() => stage.isSettled(), 'every dirty mark flushed and no job left to run', limitMs);
    },
    async fullPass(limitMs = 180_000) {
      const id = await requestPass(queues.pass, portalId, 'manual');
      let state = '';
      await waitFor(async () => ['completed', 'failed'].includes((state = await queues.pass.getJobState(id!))), 'the full pass ends', limitMs);
      await stage.settled(limitMs);
      return state as 'completed' | 'failed';
    },
    async failedJobs() {
      const counts = await Promise.all(Object.values(queues).map((q) => q.getFailedCount()));
      return counts.reduce((a, b) => a + b, 0);
    },
    async close() {
      await Promise.all(workers.map((w) => w.kill()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await server.close();
      await sandbox.close();
      await proxy?.close();
      await deleteKeysMatching(redis, `${options.prefix}*`).catch(() => undefined);
      redis.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; i < (options.workers ?? 1); i++) await stage.startWorker();
    await install(stage);
  } catch (err) {
    await stage.close();
    throw err;
  }
  return stage;
}

/** OAuth install into the sandbox portal, then wait for provisioning and the first pass. */
async function install(stage: Stage): Promise<void> {
  stage.sandbox.webhooks.setTarget(`${stage.config.PUBLIC_BASE_URL}/webhooks/hubspot`);
  const installed = await installThroughOAuth(stage.server.url);
  if (installed.status !== 200) throw new Error(`install failed (${installed.status})`);
  const scored = (): boolean => stage.sandbox.store.all('companies').every((c) => !!c.properties.kam_category);
  await waitFor(scored, 'the first pass scores every company', 180_000, 250);
  await stage.settled();
}

