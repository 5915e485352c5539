// The sandbox's public API: start a local HubSpot, seed it, read what happened.
export { createSandbox, type Sandbox } from './sandbox-server.ts';
export { appScopesGranted, type SandboxOAuth, type SandboxRateLimit, type SandboxWebhooks } from './sandbox-controls.ts';
export type { SandboxOptions, SandboxWebhookOptions } from './sandbox-options.ts';
export { seedPortfolio, defineInputProperties, type SeedOptions, type SeedResult } from './seed-portfolio.ts';
export { seedPortals, PORTAL_ID_RANGE, type SeedPortalsOptions, type SeededPortal } from './seed-portals.ts';
export { SandboxStore, type RecordView } from './sandbox-store.ts';
export type { WriteOptions } from './crm-store.ts';
export { defaultSubscriptions, type Subscription, type WebhookEvent } from './webhook-events.ts';
export type { WebhookStats, DeliveryAttempt } from './webhook-sender.ts';
export type { FaultInjector, FaultSettings, FaultKind } from './faults.ts';
export type { RateLimitSettings } from './rate-limit.ts';
export type { CallEntry, CallSummary } from './call-log.ts';
export { UI_SOURCE, type ChangeSource, type ObjectType } from './sandbox-types.ts';
