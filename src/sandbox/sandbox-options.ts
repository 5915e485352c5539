// Everything createSandbox can be told, with HubSpot's figures as defaults.
import type { Logger } from '../logger.ts';
import type { FaultSettings } from './faults.ts';
import type { RateLimitSettings } from './rate-limit.ts';
import type { Subscription } from './webhook-events.ts';
import type { WebhookSenderOptions } from './webhook-sender.ts';

export interface SandboxWebhookOptions
  extends Pick<WebhookSenderOptions, 'batchSize' | 'maxConcurrent' | 'timeoutMs' | 'maxAttempts' | 'retryDelayMs' | 'maxDelayMs' | 'batchDelayMs' | 'onAttempt'> {
  /** Where events are POSTed; none = events are counted as dropped (settable later). */
  targetUrl?: string;
  /** Default: lifecycle events of companies and deals, and the model's input properties. */
  subscriptions?: Subscription[];
  /** Also send associationChange (removed) events when a record is deleted (default false). */
  associationEventsOnDelete?: boolean;
}

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** The sandbox portal (hub id); default 24681357. */
  portalId?: string;
  /** Default 3141592; the app's own writes come back as INTEGRATION with this sourceId. */
  appId?: string;
  /** Default: random UUIDs. */
  clientId?: string;
  clientSecret?: string;
  /** Redirect URIs authorize accepts; default: any. */
  redirectUris?: string[];
  /** Access-token lifetime (default 1800 s). */
  accessTokenTtlSeconds?: number;
  /** Default: on, 110 per 10 s, search 5 per second, per portal. */
  rateLimit?: Partial<RateLimitSettings>;
  /** Latency and fault rates at start (default: none); change them with `sandbox.faults.set`. */
  faults?: Partial<FaultSettings>;
  /** Seed of the fault and jitter generator (default 1). */
  seed?: number;
  webhooks?: SandboxWebhookOptions;
  /** Associations per input per page of a v4 batch read (default 500). */
  associationPageSize?: number;
  /** Associations inlined per record on a v3 page before they are paged (default 100). */
  inlineAssociationLimit?: number;
  now?: () => number;
  /** For unexpected route failures only. */
  logger?: Logger;
}
