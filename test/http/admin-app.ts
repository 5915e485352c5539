// The admin routes of this folder mounted as the app mounts them (createApp, behind requireAdmin),
// served over real HTTP on 127.0.0.1 with a real Redis under a test prefix.
import { Router } from 'express';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createApp } from '../../src/http/create-app.ts';
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
import { serve } from '../support/serve.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const BASIC = `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
export const BEARER = `Bearer ${ADMIN_TOKEN}`;

export interface AdminApp {
  base: string;
  redis: Redis;
  prefix: string;
  portals: PortalStore;
  settings: SettingsStore;
  passQueue: Queue<PassJobData>;
  logs: string[];
  load(portalId: string, companies: readonly CompanyInput[]): Promise<void>;
  close(): Promise<void>;
}

export async function startAdminApp(now: () => number): Promise<AdminApp> {
  const { redis, prefix, cleanup } = await testRedis();
  const { logger, lines } = captureLogs();
  const portals = createPortalStore({ redis, prefix });
  const settings = new SettingsStore(redis, prefix);
  const passQueue = createPassQueue(redis, prefix);
  const inputs = (portalId: string) => new PortfolioInputs(redis, prefix, portalId);
  const app = createApp({ ADMIN_TOKEN }, {
    health: Router(), metrics: Router(), webhooks: Router(), oauth: Router(),
    admin: [...createPortfolioRoutes({ settings, inputs, portals, logger, now }), ...createSettingsRoutes({ settings, passQueue, portals, logger })],
  });
  const server = await serve(app);
  return {
    base: server.url,
    redis, prefix, portals, settings, passQueue, logs: lines,
    async load(portalId, companies) {
      await portals.markInstalled(portalId);
      await inputs(portalId).save(companies);
    },
    async close() {
      await server.close();
      await passQueue.obliterate({ force: true });
      await passQueue.close();
      await cleanup();
    },
  };
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
