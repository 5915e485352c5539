// Builds the /api/hubspot routes with what they need from the server: the stored portfolio for the
// snapshots and the what-if (one scoring at a time between them), HubSpot's users API per portal,
// and the install record (installing user, granted scopes).
import type { Queue } from 'bullmq';
import type { Router } from 'express';
import type { RedisClient } from '../store/redis-client.ts';
import type { Config } from '../config.ts';
import type { HubSpotAdapter } from '../hubspot/hubspot-adapter.ts';
import { createUsersApi } from '../hubspot/users-api.ts';
import { SnapshotCache } from '../hubspot-pages/snapshot-cache.ts';
import { UserDirectory } from '../hubspot-pages/user-directory.ts';
import { WhatIfRunner } from '../hubspot-pages/what-if-runner.ts';
import type { Logger } from '../logger.ts';
import { loadStoredCompanies } from '../portfolio-page/load-stored-companies.ts';
import { oneAtATime } from '../portfolio-page/one-at-a-time.ts';
import type { PassJobData } from '../queues.ts';
import { PortfolioInputs } from '../store/portfolio-inputs.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { createHubSpotRoutes } from './hubspot-routes.ts';

export interface HubSpotAppRoutesDeps {
  config: Config;
  redis: RedisClient;
  prefix: string;
  adapter: Pick<HubSpotAdapter, 'portals' | 'clientFor'>;
  settings: SettingsStore;
  passQueue: Queue<PassJobData>;
  logger: Logger;
  now: () => number;
}

export function createHubSpotAppRoutes(deps: HubSpotAppRoutesDeps): Router {
  const { config, redis, prefix, adapter, logger, now } = deps;
  const serial = oneAtATime();
  const loadCompanies = (portalId: string) => loadStoredCompanies(new PortfolioInputs(redis, prefix, portalId));
  const record = (portalId: string) => adapter.portals.get(portalId);
  const snapshots = new SnapshotCache({ loadCompanies, settings: deps.settings, serial, now, logger });
  return createHubSpotRoutes({
    config, portals: adapter.portals, logger, now, settings: deps.settings, passQueue: deps.passQueue,
    snapshots, whatIf: new WhatIfRunner({ snapshots, serial, now, appOrigin: new URL(config.HUBSPOT_AUTHORIZE_URL).origin }),
    directory: new UserDirectory({
      usersApi: (portalId) => createUsersApi(adapter.clientFor(portalId, logger).call),
      scopesOf: async (portalId) => (await record(portalId))?.scopes ?? [],
      now, logger,
    }),
    // The user the token response named when the app was installed (the install record keeps it).
    installerOf: async (portalId) => (await record(portalId))?.installedBy ?? null,
  });
}
