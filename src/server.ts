// `npm run server`: the HTTP side only (webhooks, OAuth install, health, admin). It never calls
// HubSpot on a webhook: it writes dirty marks and queues work for the workers.
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Queue } from 'bullmq';
import { createProducerRedis, waitForReady } from '../webhooks/create-producer-redis.ts';
import { createInstalledCheck } from '../webhooks/installed-portals.ts';
import { createWebhookRouter } from '../webhooks/webhook-route.ts';
import { configOrExit, loadServiceConfig, type Config } from './config.ts';
import { createHubSpotAdapter } from './hubspot/hubspot-adapter.ts';
import { createOAuthRouter } from './hubspot/oauth-routes.ts';
import { createApp } from './http/create-app.ts';
import { createHealthRouter } from './http/health-routes.ts';
import { createHubSpotAppRoutes } from './http/hubspot-app-routes.ts';
import { createHttpServer, listenOn } from './http/http-server.ts';
import { createMetrics } from './http/metrics-routes.ts';
import { createPortfolioRoutes } from './http/portfolio-routes.ts';
import { createQueueDashboard, DASHBOARD_PATH } from './http/queue-dashboard.ts';
import { createSettingsRoutes } from './http/settings-routes.ts';
import { PortfolioInputs } from './store/portfolio-inputs.ts';
import { SettingsStore } from './store/settings-store.ts';
import { createLogger, type Logger } from './logger.ts';
import { createFlushQueue, createPassQueue, requestPass } from './queues.ts';
import { createStateRedis, DEFAULT_REDIS_URL } from './redis-connections.ts';
import { onShutdown } from './shutdown.ts';

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const url = config.REDIS_URL ?? DEFAULT_REDIS_URL;
  const prefix = config.QUEUE_PREFIX;
  // The request path fails fast (503) when Redis is away; admin and OAuth may wait a little.
  const producer = createProducerRedis(url, logger);
  const redis = createStateRedis(url, logger);
  // Start even when Redis is late: until it answers, webhooks get 503 and HubSpot retries.
  await waitForReady(producer).catch(() => logger.warn('redis not reachable yet; webhooks answer 503 until it is'));
  const flushQueue = createFlushQueue(producer, prefix);
  const passQueue = createPassQueue(redis, prefix);
  for (const q of [flushQueue, passQueue]) q.on('error', (err) => logger.warn({ err: { message: err.message }, queue: q.name }, 'queue connection error'));
  const adapter = createHubSpotAdapter({ config, redis, logger, prefix });
  const queues = [flushQueue, passQueue] as Queue[];
  const settings = new SettingsStore(redis, prefix);
  const metrics = createMetrics({ redis, prefix, queues, calls: adapter.callCounter });
  const app = createApp(config, {
    health: createHealthRouter({ redis: producer, queues }),
    metrics: metrics.router,
    hubspot: createHubSpotAppRoutes({ config, redis, prefix, adapter, settings, passQueue, logger, now: Date.now }),
    webhooks: createWebhookRouter({
      config, redis: producer, prefix, flushQueue, logger, now: Date.now, onOutcome: metrics.webhookOutcome,
      installed: createInstalledCheck({ redis: producer, prefix }),
    }),
    oauth: createOAuthRouter({
      config, redis, prefix, logger, tokens: adapter.tokenStore, portals: adapter.portals,
      onInstalled: async (portalId) => {
        await requestPass(passQueue, portalId, 'install');
      },
    }),
    admin: [
      { path: DASHBOARD_PATH, router: createQueueDashboard(queues) },
      metrics.operator,
      ...createPortfolioRoutes({ settings, inputs: (portalId) => new PortfolioInputs(redis, prefix, portalId), portals: adapter.portals, logger, now: Date.now }),
      ...createSettingsRoutes({ settings, passQueue, portals: adapter.portals, logger }),
    ],
  });
  const server = createHttpServer(app);
  const port = await listenOn(server, config.PORT);
  logger.info({ port, publicBaseUrl: config.PUBLIC_BASE_URL, node: process.version }, 'server listening');
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([flushQueue.close(), passQueue.close()]);
      producer.disconnect();
      redis.disconnect();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = configOrExit(() => loadServiceConfig());
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'kam-server' });
  const running = await startServer(config, logger);
  onShutdown(logger, () => running.close());
}
