// The handles a test or benchmark holds on a running sandbox besides its data: webhook delivery
// (target, subscriptions, counts, idle), the rate limit, and OAuth shortcuts. Each keeps its own
// runtime-changeable settings.
import { readAppScopes } from '../hubspot/app-scopes.ts';
import type { OAuthRegistry, IssuedTokens } from './oauth-registry.ts';
import type { RateLimitGate, RateLimitSettings } from './rate-limit.ts';
import type { Subscription } from './webhook-events.ts';
import type { WebhookSender, WebhookStats } from './webhook-sender.ts';

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

export interface SandboxRateLimit {
  /** The sandbox-wide settings (every portal without its own). */
  readonly settings: RateLimitSettings;
  set(patch: Partial<RateLimitSettings>): void;
  /** One portal's settings: the sandbox-wide ones with what `setFor` gave this portal on top. */
  settingsFor(portalId: string): RateLimitSettings;
  /** Gives one portal its own limits (kept on top of later sandbox-wide changes); `{}` keeps none. */
  setFor(portalId: string, patch: Partial<RateLimitSettings>): void;
  /** Calls refused with a 429 so far. */
  readonly rejected: number;
  rejectedFor(portalId: string): number;
  /** Empties every window (and the refusal count). */
  reset(): void;
}

export interface SandboxOAuth {
  /** Tokens for a portal as if the app had been installed there (default: the sandbox portal, every scope of app.json). */
  issueTokens(portalId?: string, scopes?: string[]): IssuedTokens;
  expireAccessToken(accessToken: string): void;
  /** A private app's token for a portal (default: the sandbox portal): never expires, for curl and scripts. */
  privateAppToken(portalId?: string): string;
  /** The app is uninstalled: the portal's refresh tokens answer BAD_REFRESH_TOKEN from now on. */
  uninstall(portalId?: string): void;
  /** Lifetime of access tokens issued from now on. */
  setAccessTokenTtl(seconds: number): void;
}

/** Every scope app.json asks for, required and optional: the sandbox portal is an account that grants them all. */
export function appScopesGranted(): string[] {
  const scopes = readAppScopes();
  return [...scopes.required, ...scopes.optional];
}

export function webhookControls(sender: WebhookSender, initial: readonly Subscription[]): SandboxWebhooks {
  let subscriptions = initial;
  return {
    get pending() { return sender.stats().pending; },
    get delivered() { return sender.stats().delivered; },
    get failed() { return sender.stats().failed; },
    stats: () => sender.stats(),
    idle: () => sender.idle(),
    get targetUrl() { return sender.targetUrl; },
    setTarget: (url) => sender.setTarget(url),
    get subscriptions() { return subscriptions; },
    setSubscriptions: (list) => void (subscriptions = [...list]),
  };
}

export function rateLimitControls(gate: () => RateLimitGate, initial: Partial<RateLimitSettings> = {}): SandboxRateLimit {
  let settings: RateLimitSettings = { enabled: true, perTenSeconds: 110, searchPerSecond: 5, ...initial };
  const own = new Map<string, Partial<RateLimitSettings>>();
  return {
    get settings() { return settings; },
    set: (patch) => void (settings = { ...settings, ...patch }),
    settingsFor: (portalId) => ({ ...settings, ...own.get(portalId) }),
    setFor: (portalId, patch) => {
      if (Object.keys(patch).length === 0) own.delete(portalId);
      else own.set(portalId, { ...own.get(portalId), ...patch });
    },
    get rejected() { return gate().rejected; },
    rejectedFor: (portalId) => gate().rejectedFor(portalId),
    reset: () => gate().reset(),
  };
}

export function oauthControls(
  registry: OAuthRegistry,
  defaultPortalId: string,
  ensurePortal: (id: string) => unknown,
  setTtl: (seconds: number) => void,
): SandboxOAuth {
  const granted = appScopesGranted();
  return {
    issueTokens: (id = defaultPortalId, scopes = granted) => {
      ensurePortal(id);
      return registry.issue(id, scopes);
    },
    expireAccessToken: (token) => registry.expire(token),
    privateAppToken: (id = defaultPortalId) => {
      ensurePortal(id);
      return registry.privateAppToken(id);
    },
    uninstall: (id = defaultPortalId) => registry.uninstall(id),
    setAccessTokenTtl: setTtl,
  };
}
