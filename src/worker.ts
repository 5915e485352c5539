// `npm run worker`: the BullMQ workers on their own. Scale out by starting more of these, on any
// machine that reaches the same Redis.
import { pathToFileURL } from 'node:url';
import { IN_SLOT_WAIT_MS } from '../jobs/call-journal.ts';
import { hubspotCrm } from '../jobs/hubspot-crm.ts';
import { provisionPortal } from '../jobs/provision-portal.ts';
import { startWorkers, type RunningWorkers } from '../jobs/start-workers.ts';
import { configOrExit, loadServiceConfig, type Config } from './config.ts';
import { isFeatureOn, readAppScopes } from './hubspot/app-scopes.ts';
import { readCompanyCurrency } from './hubspot/account-info.ts';
import { createHubSpotAdapter } from './hubspot/hubspot-adapter.ts';
import { passLeavesCalls } from './hubspot/rate-limiter.ts';
import { portalFeatures } from './hubspot/portal-features.ts';
import { createLogger, type Logger } from './logger.ts';
import { createStateRedis, createWorkerRedis, DEFAULT_REDIS_URL } from './redis-connections.ts';
import { onShutdown } from './shutdown.ts';
import { setPortalCurrency } from './store/portal-profile.ts';
import { removePortalState } from './store/remove-portal-state.ts';
import { SettingsStore } from './store/settings-store.ts';

export async function startWorker(config: Config, logger: Logger): Promise<RunningWorkers> {
  const url = config.REDIS_URL ?? DEFAULT_REDIS_URL;
  const connection = createWorkerRedis(url, logger);
  const redis = createStateRedis(url, logger);
  const prefix = config.QUEUE_PREFIX;
  const adapter = createHubSpotAdapter({ config, redis, logger, prefix });
  const features = { portals: adapter.portals, scopes: readAppScopes(), config };
  const workers = await startWorkers({
    connection, redis, prefix, logger,
    concurrency: config.WORKER_CONCURRENCY,
    flushDelayMs: config.FLUSH_DELAY_MS,
    dailyPasses: config.DAILY_PASSES === 'on',
    settings: new SettingsStore(redis, prefix),
    // A full pass leaves part of each window to its portal's flushes (rate-limiter.ts, P6c); a
    // flush never waits long in its worker slot for budget: it gives the slot back and resumes
    // from its journal (jobs/call-journal.ts).
    crmFor: async (portalId, use) => hubspotCrm(adapter.clientFor(portalId, logger.child({ portalId }), use === 'pass'
      ? { leaveCalls: passLeavesCalls(config.RATE_LIMIT_PER_10S) }
      : { maxWaitMs: IN_SLOT_WAIT_MS })),
    provision: async (portalId) => {
      const log = logger.child({ portalId });
      await provisionPortal({ ...features, client: adapter.clientFor(portalId, log), portalId, redis, prefix, logger: log });
    },
    refreshProfile: async (portalId) => {
      await setPortalCurrency(redis, prefix, portalId, await readCompanyCurrency(adapter.clientFor(portalId, logger.child({ portalId })).call));
    },
    tasksEnabled: async (portalId) => isFeatureOn((await portalFeatures(features, portalId)).features, 'tasks'),
    // Account depth reads only what the portal granted (off: the model's figures degrade, §9–§10).
    depthReads: async (portalId) => {
      const on = (await portalFeatures(features, portalId)).features;
      return { contacts: isFeatureOn(on, 'contacts'), lineItems: isFeatureOn(on, 'line_items'), products: isFeatureOn(on, 'products') };
    },
    installedPortals: () => adapter.portals.listInstalled(),
    isInstalled: (portalId) => adapter.portals.isInstalled(portalId),
    onPortalRevoked: async (portalId) => {
      await removePortalState(redis, prefix, portalId);
    },
  });
  logger.info({ concurrency: config.WORKER_CONCURRENCY, node: process.version }, 'workers started');
  return {
    ...workers,
    async close() {
      await workers.close();
      redis.disconnect();
      connection.disconnect();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = configOrExit(() => loadServiceConfig());
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'kam-worker' });
  const workers = await startWorker(config, logger);
  onShutdown(logger, () => workers.close());
}
