// createSandbox: a local HubSpot on a real HTTP port for the app's own HubSpot client, with an
// in-memory portal (as many more as asked for, each with its own data, installs, rate limits and
// faults), OAuth, signed webhooks to the app, and runtime switches for latency, the rate limit and
// faults. No CLI here: the entry points wire it (npm start, e2e, bench).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog } from './call-log.ts';
import { FaultInjector } from './faults.ts';
import { OAuthRegistry } from './oauth-registry.ts';
import { RateLimitGate } from './rate-limit.ts';
import { buildSandboxApp } from './sandbox-app.ts';
import type { SandboxContext } from './sandbox-context.ts';
import { oauthControls, rateLimitControls, webhookControls, type SandboxOAuth, type SandboxRateLimit, type SandboxWebhooks } from './sandbox-controls.ts';
import type { SandboxOptions } from './sandbox-options.ts';
import { SandboxStore } from './sandbox-store.ts';
import { createEventMapper, defaultSubscriptions } from './webhook-events.ts';
import { WebhookSender } from './webhook-sender.ts';

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
  /** Every portal's id, the sandbox portal first. */
  portalIds(): string[];
  readonly webhooks: SandboxWebhooks;
  /** Latency and faults of every portal that has none of its own. */
  readonly faults: FaultInjector;
  /**
   * One portal's own latency and faults, made on first use from the sandbox-wide settings and then
   * independent of them (its own counts and its own seeded draws).
   */
  portalFaults(portalId: string): FaultInjector;
  readonly rateLimit: SandboxRateLimit;
  readonly calls: CallLog;
  readonly oauth: SandboxOAuth;
  close(): Promise<void>;
}

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
  let ttl = options.accessTokenTtlSeconds ?? 1800;
  const { subscriptions, associationEventsOnDelete, ...senderOptions } = options.webhooks ?? {};
  const sender = new WebhookSender({ ...senderOptions, clientSecret, now });
  const webhooks = webhookControls(sender, subscriptions ?? defaultSubscriptions());
  const toEvents = createEventMapper({ appId, subscriptions: () => webhooks.subscriptions });
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
  const rateLimit = rateLimitControls(() => ctx.rateLimit, options.rateLimit);
  const seed = options.seed ?? 1;
  const sharedFaults = new FaultInjector(options.faults, seed);
  const ownFaults = new Map<string, FaultInjector>();
  const portalFaults = (id: string): FaultInjector => {
    let faults = ownFaults.get(id);
    if (!faults) ownFaults.set(id, (faults = new FaultInjector(sharedFaults.settings, (seed ^ Number(id)) >>> 0)));
    return faults;
  };
  const ctx: SandboxContext = {
    appId, clientId: options.clientId ?? randomUUID(), clientSecret, defaultPortalId: portalId,
    redirectUris: options.redirectUris ?? [], associationPageSize: options.associationPageSize ?? 500,
    inlineAssociationLimit: options.inlineAssociationLimit ?? 100, now, portal: (id) => portals.get(id),
    oauth: new OAuthRegistry(now, () => ttl), rateLimit: new RateLimitGate((id) => rateLimit.settingsFor(id), now),
    faults: sharedFaults, faultsFor: (id) => (id !== undefined && ownFaults.get(id)) || sharedFaults, calls: new CallLog(), hanging: new Set(),
  };
  const server = createServer(buildSandboxApp(ctx, options.logger));
  const address = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`, portalId, appId, clientId: ctx.clientId, clientSecret, store: portal(portalId), portal,
    portalIds: () => [...portals.keys()], webhooks, faults: sharedFaults, portalFaults, rateLimit, calls: ctx.calls,
    oauth: oauthControls(ctx.oauth, portalId, portal, (seconds) => void (ttl = seconds)),
    close: async () => {
      sender.close();
      for (const res of ctx.hanging) res.socket?.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
