// The admin routes of this folder mounted as the app mounts them (createApp, behind requireAdmin),
// served over real HTTP on 127.0.0.1 with a real Redis under a test prefix.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { createPortfolioRoutes } from '../../src/http/portfolio-routes.ts';
import { createSettingsRoutes } from '../../src/http/settings-routes.ts';
import type { CompanyInput } from '../../src/model/types.ts';
import type { Settings } from '../../src/model/settings.ts';
import { createPassQueue, type PassJobData } from '../../src/queues.ts';
import { createPortalStore, type PortalStore } from '../../src/store/portal-store.ts';
import { PortfolioInputs } from '../../src/store/portfolio-inputs.ts';
import { SettingsStore } from '../../src/store/settings-store.ts';
import { captureLogs } from '../support/capture-logs.ts';
import { testRedis } from '../support/redis.ts';
import { serveRoutes } from '../support/serve.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const BASIC = `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
export const BEARER = `Bearer ${ADMIN_TOKEN}`;

/** What a test reads of either test app: where it answers, and the state behind it. */
export interface TestApp {
  base: string;
  redis: Redis;
  prefix: string;
  portals: PortalStore;
  settings: SettingsStore;
  passQueue: Queue<PassJobData>;
  logs: string[];
  close(): Promise<void>;
}

export interface AdminApp extends TestApp {
  load(portalId: string, companies: readonly CompanyInput[]): Promise<void>;
}

/** What both test apps stand on: a test Redis prefix, captured logs, the portal and settings stores, the pass queue. */
export async function appStores(now?: () => number) {
  const { redis, prefix, cleanup } = await testRedis();
  const { logger, lines } = captureLogs();
  const passQueue = createPassQueue(redis, prefix);
  return {
    redis, prefix, logger, logs: lines, passQueue,
    portals: createPortalStore({ redis, prefix }),
    settings: new SettingsStore(redis, prefix, now),
    async close() {
      await passQueue.obliterate({ force: true });
      await passQueue.close();
      await cleanup();
    },
  };
}

export async function startAdminApp(now: () => number): Promise<AdminApp> {
  const stores = await appStores();
  const { redis, prefix, logger, portals, settings, passQueue } = stores;
  const inputs = (portalId: string) => new PortfolioInputs(redis, prefix, portalId);
  const server = await serveRoutes({
    admin: [...createPortfolioRoutes({ settings, inputs, portals, logger, now }), ...createSettingsRoutes({ settings, passQueue, portals, logger })],
  }, ADMIN_TOKEN);
  return {
    ...stores,
    base: server.url,
    async load(portalId, companies) {
      await portals.markInstalled(portalId);
      await inputs(portalId).save(companies);
    },
    async close() {
      await server.close();
      await stores.close();
    },
  };
}

/** For a describe block: a fresh admin app before each test (read it inside the tests), closed after it. */
export function useAdminApp(now: () => number): AdminApp {
  const app = {} as AdminApp;
  beforeEach(async () => {
    Object.assign(app, await startAdminApp(now));
  });
  afterEach(async () => app.close());
  return app;
}

/** What the admin API answers, loosely: each test reads the fields its route sends. */
export interface ApiAnswer {
  error?: string;
  problems: string[];
  issues: Array<{ path: string; message: string }>;
  portals?: string[];
  portalId?: string;
  version?: number;
  settings: Settings;
  passJobId?: string;
}

export const readJson = async <T = ApiAnswer>(res: Response): Promise<T> => (await res.json()) as T;
