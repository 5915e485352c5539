// The jobs' CrmPort on a real HubSpot portal client: only reshaping, no logic.
import { PLAY_KEY_PROPERTY } from '../src/model/index.ts';
import type { PortalClient } from '../src/hubspot/portal-client.ts';
import { readCompanyContacts, readDealLineItems } from '../src/hubspot/read-account-depth.ts';
import { TASK_BATCH_LIMIT } from '../src/hubspot/create-tasks.ts';
import { ASSOCIATION_BATCH_LIMIT, readAssociations } from '../src/hubspot/read-associations.ts';
import { readCompanyParents } from '../src/hubspot/read-company-parents.ts';
import { BATCH_READ_LIMIT, readObjects } from '../src/hubspot/read-objects.ts';
import { findTasksByProperty, openTaskIds, SEARCH_IN_LIMIT } from '../src/hubspot/read-tasks.ts';
import { BATCH_UPDATE_LIMIT } from '../src/hubspot/update-companies.ts';
import type { CallSizes, CompanyPage, CrmPort } from './crm-port.ts';

/**
 * What one HubSpot call takes. Contacts and line items are read in two steps (the associations,
 * then the records, 100 a call): a batch of 100 companies or deals is one association call and
 * the reads of what it found.
 */
export const HUBSPOT_CALL_SIZES: CallSizes = {
  readCompanies: BATCH_READ_LIMIT, readDeals: BATCH_READ_LIMIT, readProducts: BATCH_READ_LIMIT, openTasks: BATCH_READ_LIMIT,
  companyIdsForDeals: ASSOCIATION_BATCH_LIMIT, dealIdsForCompanies: ASSOCIATION_BATCH_LIMIT,
  companyIdsForContacts: ASSOCIATION_BATCH_LIMIT, companyParents: ASSOCIATION_BATCH_LIMIT,
  companyContacts: BATCH_READ_LIMIT, dealLineItems: BATCH_READ_LIMIT,
  updateCompanies: BATCH_UPDATE_LIMIT, createTasks: TASK_BATCH_LIMIT, findTasksByPlayKey: SEARCH_IN_LIMIT,
};

export function hubspotCrm(client: PortalClient): CrmPort {
  return {
    callSizes: HUBSPOT_CALL_SIZES,
    readCompanies: async (ids, properties) => (await client.readCompanies(ids, properties)).records,
    readDeals: async (ids, properties) => (await client.readDeals(ids, properties)).records,
    companyIdsForDeals: (dealIds) => client.companyIdsForDeals(dealIds),
    dealIdsForCompanies: (companyIds) => client.dealIdsForCompanies(companyIds),
    async *pageCompanies(properties): AsyncIterable<CompanyPage> {
      for await (const page of client.pageCompanies(properties)) {
        yield {
          companies: page.records.map((r) => ({ id: r.id, properties: r.properties })),
          dealIds: new Map(page.records.map((r) => [r.id, r.associatedIds])),
        };
      }
    },
    companyParents: (companyIds) => readCompanyParents(client.call, companyIds),
    companyContacts: (companyIds, properties) => readCompanyContacts(client.call, companyIds, properties),
    companyIdsForContacts: (contactIds) => readAssociations(client.call, 'contacts', 'companies', contactIds),
    dealLineItems: (dealIds, itemProperties) => readDealLineItems(client.call, dealIds, itemProperties, null),
    readProducts: async (ids, properties) => (await readObjects(client.call, 'products', ids, properties)).records,
    updateCompanies: async (updates) => ({ failed: (await client.updateCompanies(updates)).failed }),
    async createTasks(tasks) {
      const result = await client.createTasks(tasks, (t) => ({ [PLAY_KEY_PROPERTY]: t.playKey }));
      return {
        created: new Map(result.created.map((c) => [tasks[c.index]!.playKey, c.taskId])),
        failed: result.failed.map((f) => ({ playKey: tasks[f.index]!.playKey, message: f.message })),
      };
    },
    findTasksByPlayKey: (playKeys) => findTasksByProperty(client.call, PLAY_KEY_PROPERTY, playKeys),
    openTasks: (taskIds) => openTaskIds(client.call, taskIds),
  };
}
