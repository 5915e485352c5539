// The /api/hubspot routes mounted as the server mounts them (createApp, next to an admin route that
// takes ADMIN_TOKEN), over real HTTP with a real Redis under a test prefix, and a client that signs
// requests as HubSpot's proxy does. Reads of the settings store and of the stored portfolio are
// counted, so a test can show that a refused request read nothing.
import { createHubSpotRoutes } from '../../src/http/hubspot-routes.ts';
import { createSettingsRoutes } from '../../src/http/settings-routes.ts';
import { signProxyRequest, type ProxyCaller } from '../../src/hubspot/proxy-request.ts';
import type { UsersApi } from '../../src/hubspot/users-api.ts';
import { SnapshotCache } from '../../src/hubspot-pages/snapshot-cache.ts';
import { UserDirectory } from '../../src/hubspot-pages/user-directory.ts';
import { WhatIfRunner, type WhatIfLimits } from '../../src/hubspot-pages/what-if-runner.ts';
import type { CompanyInput } from '../../src/model/types.ts';
import { loadStoredCompanies } from '../../src/portfolio-page/load-stored-companies.ts';
import { oneAtATime } from '../../src/portfolio-page/one-at-a-time.ts';
import { PortfolioInputs } from '../../src/store/portfolio-inputs.ts';
import { serveRoutes } from '../support/serve.ts';
import { APP_ID, CLIENT_SECRET, PUBLIC_BASE_URL, testConfig } from '../support/test-config.ts';
import { ADMIN_TOKEN, appStores, type TestApp } from './admin-app.ts';


export interface HubSpotApp extends TestApp {
  /** Calls of settings.get/write/history and portfolio loads since the last reset. */
  reads: { settings: number; portfolio: number };
  installers: Map<string, string>;
  /** The app's clock (signatures are made against it by default). */
  now: () => number;
  install(portalId: string, installer: string, companies: readonly CompanyInput[], scopes?: string[]): Promise<void>;
}

export interface AppOptions {
  now?: () => number;
  whatIfLimits?: Partial<WhatIfLimits>;
  usersApi?: (portalId: string) => UsersApi;
  firstLoadWaitMs?: number;
  /**
   * The companies a portal's snapshot is scored from, in place of the stored inputs (which keep no
   * parent links, line items or contacts yet): for account depth through the routes.
   */
  companiesOf?: (portalId: string) => CompanyInput[] | undefined;
}

export async function startHubSpotApp(options: AppOptions = {}): Promise<HubSpotApp> {
  const now = options.now ?? Date.now;
  const stores = await appStores(now);
  const { redis, prefix, logger, portals, settings, passQueue } = stores;
  const reads = { settings: 0, portfolio: 0 };
  const counted = new Proxy(settings, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key === 'get' || key === 'write' || key === 'history') reads.settings += 1;
        return Reflect.apply(value, target, args);
      };
    },
  });
  const installers = new Map<string, string>();
  const loadCompanies = async (portalId: string) => {
    reads.portfolio += 1;
    return options.companiesOf?.(portalId) ?? loadStoredCompanies(new PortfolioInputs(redis, prefix, portalId));
  };
  const serial = oneAtATime();
  const snapshots = new SnapshotCache({ loadCompanies, settings: counted, serial, now, logger });
  const config = testConfig();
  const refuseUsers = (): UsersApi => ({
    user: async () => Promise.reject(new Error('no users api in this test')),
    users: async () => Promise.reject(new Error('no users api in this test')),
    teams: async () => Promise.reject(new Error('no users api in this test')),
  });
  const hubspot = createHubSpotRoutes({
    config, portals, logger, now, settings: counted, passQueue,
    snapshots, whatIf: new WhatIfRunner({ snapshots, serial, now, appOrigin: 'https://app.hubspot.com', limits: options.whatIfLimits }),
    directory: new UserDirectory({ usersApi: options.usersApi ?? refuseUsers, scopesOf: async (p) => (await portals.get(p))?.scopes ?? [], now, logger }),
    installerOf: async (portalId) => installers.get(portalId) ?? null,
    firstLoadWaitMs: options.firstLoadWaitMs,
  });
  const server = await serveRoutes({ hubspot, admin: createSettingsRoutes({ settings, passQueue, portals, logger }) }, ADMIN_TOKEN);
  return {
    ...stores,
    base: server.url,
    reads, installers, now,
    async install(portalId, installer, companies, scopes = []) {
      await portals.markInstalled(portalId, { scopes });
      installers.set(portalId, installer);
      await new PortfolioInputs(redis, prefix, portalId).save(companies);
    },
    async close() {
      await server.close();
      await stores.close();
    },
  };
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Signed with this secret (default the app's client secret); null: not signed at all. */
  secret?: string | null;
  /** Signed at this instant (default: the app's now). */
  signedAt?: number;
  /** Changes the URL after signing (a forgery). */
  tamper?: (url: URL) => void;
  headers?: Record<string, string>;
  /** Query the page adds itself (before HubSpot appends the caller). */
  query?: string;
}

/** A request as HubSpot's proxy forwards it, sent to the test app (the published URL's path and query). */
export async function callAs(app: HubSpotApp, caller: Pick<ProxyCaller, 'portalId' | 'userId'> & Partial<ProxyCaller>, path: string, opts: CallOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const full: ProxyCaller = { userEmail: `user${caller.userId}@example.com`, appId: APP_ID, ...caller };
  const signed = signProxyRequest({
    secret: opts.secret ?? CLIENT_SECRET, method, url: `${PUBLIC_BASE_URL}${path}${opts.query ? `?${opts.query}` : ''}`, body, caller: full, now: opts.signedAt ?? app.now(),
  });
  const url = new URL(signed.url);
  opts.tamper?.(url);
  const headers = opts.secret === null ? {} : signed.headers;
  return fetch(`${app.base}${url.pathname}${url.search}`, { method, headers: { 'content-type': 'application/json', ...headers, ...opts.headers }, body });
}
