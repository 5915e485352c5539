// createSandbox: a local HubSpot on a real HTTP port for the app's own HubSpot client, with an
// in-memory portal (more on demand), OAuth, signed webhooks to the app, and runtime switches for
// latency, the rate limit and faults. No CLI here: the entry points wire it (npm start, e2e, bench).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog } from './call-log.ts';
import { FaultInjector } from './faults.ts';
import { OAuthRegistry, type IssuedTokens } from './oauth-registry.ts';
import { RateLimitGate, type RateLimitSettings } from './rate-limit.ts';
import { buildSandboxApp } from './sandbox-app.ts';
import type { SandboxContext } from './sandbox-context.ts';
import type { SandboxOptions } from './sandbox-options.ts';
import { SandboxStore } from './sandbox-store.ts';
import { createEventMapper, defaultSubscriptions, type Subscription } from './webhook-events.ts';
import { WebhookSender, type WebhookStats } from './webhook-sender.ts';

export interface SandboxWebhooks {
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
  stats(): WebhookStats;
  /** Resolves when every queued delivery has succeeded or given up. */
  idle(): Promise<void>;
  readonly targetUrl: string | undefined;
  setTarget(url: string | undefined): void;
  readonly subscriptions: readonly Subscription[];
  setSubscriptions(subscriptions: readonly Subscription[]): void;
}

export interface SandboxOAuth {
  /** Tokens for a portal as if the app had been installed there (default: the sandbox portal, every scope asked). */
  issueTokens(portalId?: string, scopes?: string[]): IssuedTokens;
  expireAccessToken(accessToken: string): void;
  /** The app is uninstalled: the portal's refresh tokens answer BAD_REFRESH_TOKEN from now on. */
  uninstall(portalId?: string): void;
  /** Lifetime of access tokens issued from now on. */
  setAccessTokenTtl(seconds: number): void;
}

export interface Sandbox {
  readonly url: string;
  readonly portalId: string;
  readonly appId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The sandbox portal's data and seeding helpers. */
  readonly store: SandboxStore;
  /** Another portal's store, created on first use (install there with `?portal_id=` on authorize). */
  portal(portalId: string): SandboxStore;
  readonly webhooks: SandboxWebhooks;
  readonly faults: FaultInjector;
  readonly rateLimit: { readonly settings: RateLimitSettings; set(patch: Partial<RateLimitSettings>): void; readonly rejected: number; reset(): void };
  readonly calls: CallLog;
  readonly oauth: SandboxOAuth;
  close(): Promise<void>;
}

export const DEFAULT_SCOPES = ['oauth', 'crm.objects.companies.read', 'crm.objects.companies.write', 'crm.objects.deals.read', 'crm.objects.deals.write', 'crm.schemas.companies.read', 'crm.schemas.companies.write'];

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const appId = options.appId ?? '3141592';
  const clientSecret = options.clientSecret ?? randomUUID();
  let subscriptions: readonly Subscription[] = options.webhooks?.subscriptions ?? defaultSubscriptions();
  let ttl = options.accessTokenTtlSeconds ?? 1800;
  let rateSettings: RateLimitSettings = { enabled: true, perTenSeconds: 110, searchPerSecond: 5, ...options.rateLimit };
  const { subscriptions: _s, associationEventsOnDelete, ...senderOptions } = options.webhooks ?? {};
  const sender = new WebhookSender({ ...senderOptions, clientSecret, now });
  const toEvents = createEventMapper({ appId, subscriptions: () => subscriptions });
  const portals = new Map<string, SandboxStore>();
  const portal = (id: string): SandboxStore => {
    let store = portals.get(id);
    if (!store) {
      store = new SandboxStore({ portalId: id, now, associationEventsOnDelete });
      store.onChange((change) => sender.enqueue(toEvents(change, id)));
      portals.set(id, store);
    }
    return store;
  };
  const portalId = options.portalId ?? '24681357';
  const store = portal(portalId);
  const ctx: SandboxContext = {
    appId, clientId: options.clientId ?? randomUUID(), clientSecret, defaultPortalId: portalId,
    redirectUris: options.redirectUris ?? [], associationPageSize: options.associationPageSize ?? 500,
    inlineAssociationLimit: options.inlineAssociationLimit ?? 100, now, portal: (id) => portals.get(id),
    oauth: new OAuthRegistry(now, () => ttl), rateLimit: new RateLimitGate(() => rateSettings, now),
    faults: new FaultInjector(options.faults, options.seed ?? 1), calls: new CallLog(), hanging: new Set(),
  };
  const server = createServer(buildSandboxApp(ctx, options.logger));
  const address = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`, portalId, appId, clientId: ctx.clientId, clientSecret, store, portal,
    webhooks: {
      get pending() { return sender.stats().pending; },
      get delivered() { return sender.stats().delivered; },
      get failed() { return sender.stats().failed; },
      stats: () => sender.stats(),
      idle: () => sender.idle(),
      get targetUrl() { return sender.targetUrl; },
      setTarget: (url) => sender.setTarget(url),
      get subscriptions() { return subscriptions; },
      setSubscriptions: (list) => void (subscriptions = [...list]),
    },
    faults: ctx.faults,
    rateLimit: {
      get settings() { return rateSettings; },
      set: (patch) => void (rateSettings = { ...rateSettings, ...patch }),
      get rejected() { return ctx.rateLimit.rejected; },
      reset: () => ctx.rateLimit.reset(),
    },
    calls: ctx.calls,
    oauth: {
      issueTokens: (id = portalId, scopes = DEFAULT_SCOPES) => ctx.oauth.issue(portal(id).portalId, scopes),
      expireAccessToken: (token) => ctx.oauth.expire(token),
      uninstall: (id = portalId) => ctx.oauth.uninstall(id),
      setAccessTokenTtl: (seconds) => void (ttl = seconds),
    },
    async close() {
      sender.close();
      for (const res of ctx.hanging) res.socket?.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
