// What a job needs to work on one portal; built per job (a HubSpot client is per portal).
import type { Logger } from '../src/logger.ts';
import type { RedisClient } from '../src/store/redis-client.ts';
import type { SettingsStore } from '../src/store/settings-store.ts';
import type { CrmPort } from './crm-port.ts';

/**
 * What of account depth (scoring-model.md §8–§10) the portal lets us read and write; parent links
 * need only the companies scope and are always read. Each read is an optional feature
 * (src/hubspot/portal-features.ts): off, the figure degrades as the model defines (roles unknown,
 * no product lines).
 */
export interface DepthAccess {
  /** Contacts' buying roles (the `contacts` feature). */
  contacts: boolean;
  /** Line items of won deals in the window (the `line_items` feature). */
  lineItems: boolean;
  /** Products' kam_product_line (the `products` feature); without it a line item's name names its line. */
  products: boolean;
  /** The depth output properties exist in the portal (provisioning created them): write them. */
  outputs: boolean;
}

export const NO_DEPTH: DepthAccess = { contacts: false, lineItems: false, products: false, outputs: false };

export interface PortalDeps {
  redis: RedisClient;
  prefix: string;
  portalId: string;
  crm: CrmPort;
  /** False when the portal runs without play tasks (optional scopes not granted, or refused). */
  tasksEnabled?: boolean;
  /** Account depth the portal allows; none when not given. */
  depth?: DepthAccess;
  settings: SettingsStore;
  logger: Logger;
  now: () => number;
}
