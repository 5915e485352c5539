// The jobs' CrmPort on a real HubSpot portal client: only reshaping, no logic.
import { PLAY_KEY_PROPERTY } from '../src/model/index.ts';
import type { PortalClient } from '../src/hubspot/portal-client.ts';
import { readCompanyContacts, readDealLineItems } from '../src/hubspot/read-account-depth.ts';
import { readAssociations } from '../src/hubspot/read-associations.ts';
import { readCompanyParents } from '../src/hubspot/read-company-parents.ts';
import { readObjects } from '../src/hubspot/read-objects.ts';
import { findTasksByProperty, openTaskIds } from '../src/hubspot/read-tasks.ts';
import type { CompanyPage, CrmPort } from './crm-port.ts';

export function hubspotCrm(client: PortalClient): CrmPort {
  return {
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
