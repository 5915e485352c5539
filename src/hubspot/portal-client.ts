// One portal's HubSpot client, built inside a job. Every request goes through the caller (shared
// Redis rate limiter, fresh token, 401 refresh, 429 waits, error mapping, call counting); the batch
// methods below only shape requests and responses.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Task } from '../model/plays.ts';
import { assertPortalId } from '../store/portal-store.ts';
import type { AccessTokenProvider } from './access-tokens.ts';
import { createCallCounter, type CallCounter } from './call-counter.ts';
import { createTasks, type CreateTasksResult, type TaskProperties } from './create-tasks.ts';
import { createHubSpotCaller, type HubSpotCaller } from './hubspot-caller.ts';
import { pageObjects, type ObjectPage } from './page-objects.ts';
import { createPropertyAdmin, type PropertyAdmin } from './properties-api.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { readAssociations } from './read-associations.ts';
import { readObjects, type ReadResult } from './read-objects.ts';
import { updateCompanies, type CompanyUpdate, type UpdateResult } from './update-companies.ts';
import type { RedisClient } from '../store/redis-client.ts';

export interface PortalClient extends PropertyAdmin {
  readonly portalId: string;
  /** The raw, guarded call for anything the methods below do not cover. */
  readonly call: HubSpotCaller;
  readCompanies(ids: readonly string[], properties: readonly string[]): Promise<ReadResult>;
  readDeals(ids: readonly string[], properties: readonly string[]): Promise<ReadResult>;
  /** deal id → ids of its companies (every input id is a key; no association → []). */
  companyIdsForDeals(dealIds: readonly string[]): Promise<Map<string, string[]>>;
  /** company id → ids of its deals. */
  dealIdsForCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Every company, 100 a page; `associatedIds` are its deal ids. */
  pageCompanies(properties: readonly string[], opts?: { after?: string }): AsyncIterable<ObjectPage>;
  /** Every deal, 100 a page; `associatedIds` are its company ids. */
  pageDeals(properties: readonly string[], opts?: { after?: string }): AsyncIterable<ObjectPage>;
  updateCompanies(updates: readonly CompanyUpdate[]): Promise<UpdateResult>;
  /** Creates the tasks, each with the further properties `propertiesOf` gives it. */
  createTasks<T extends Task>(tasks: readonly T[], propertiesOf?: TaskProperties<T>): Promise<CreateTasksResult>;
}

export interface PortalClientDeps {
  portalId: string;
  config: Pick<Config, 'HUBSPOT_API_BASE'>;
  redis: RedisClient;
  prefix: string;
  tokens: AccessTokenProvider;
  limiter: RateLimiter;
  logger: Logger;
  callCounter?: CallCounter;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Batches of one operation in flight at once (default 3). */
  concurrency?: number;
  /** The longest a 429 is waited out in the call before it is thrown (see hubspot-caller.ts). */
  maxWaitMs?: number;
}

export function createPortalClient(deps: PortalClientDeps): PortalClient {
  assertPortalId(deps.portalId);
  const callCounter = deps.callCounter ?? createCallCounter({ redis: deps.redis, prefix: deps.prefix });
  const logger = deps.logger.child({ portalId: deps.portalId });
  const call = createHubSpotCaller({ ...deps, callCounter, logger });
  const n = deps.concurrency ?? 3;
  return {
    portalId: deps.portalId,
    call,
    ...createPropertyAdmin(call),
    readCompanies: (ids, properties) => readObjects(call, 'companies', ids, properties, n),
    readDeals: (ids, properties) => readObjects(call, 'deals', ids, properties, n),
    companyIdsForDeals: (dealIds) => readAssociations(call, 'deals', 'companies', dealIds, n),
    dealIdsForCompanies: (companyIds) => readAssociations(call, 'companies', 'deals', companyIds, n),
    pageCompanies: (properties, opts) => pageObjects(call, 'companies', properties, opts),
    pageDeals: (properties, opts) => pageObjects(call, 'deals', properties, opts),
    updateCompanies: (updates) => updateCompanies(call, updates, n),
    createTasks: (tasks, propertiesOf) => createTasks(call, tasks, propertiesOf),
  };
}
