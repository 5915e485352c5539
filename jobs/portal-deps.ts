// What a job needs to work on one portal; built per job (a HubSpot client is per portal).
import type { Logger } from '../src/logger.ts';
import type { RedisClient } from '../src/store/redis-client.ts';
import type { SettingsStore } from '../src/store/settings-store.ts';
import type { CrmPort } from './crm-port.ts';

export interface PortalDeps {
  redis: RedisClient;
  prefix: string;
  portalId: string;
  crm: CrmPort;
  /** False when the portal runs without play tasks (optional scopes not granted, or refused). */
  tasksEnabled?: boolean;
  settings: SettingsStore;
  logger: Logger;
  now: () => number;
}
