// HubSpot lists (v3, "segments"): create an active (DYNAMIC) list and find one by name. Names are
// unique per account, so a 409 on create means the list is already there: we fetch it and say it
// was not created, which makes provisioning safe to run twice or from two installs at once.
// The filter JSON follows HubSpot's list-filter reference: a root OR branch holding AND branches,
// each with PROPERTY filters (ENUMERATION IS_ANY_OF for a select, BOOL IS_EQUAL_TO for a checkbox).
import { z } from 'zod';
import { PermanentError } from '../errors.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import { parseResponse } from './response-schemas.ts';

export const COMPANY_OBJECT_TYPE_ID = '0-2';

export type FilterOperation =
  | { operationType: 'ENUMERATION'; operator: 'IS_ANY_OF'; values: string[]; includeObjectsWithNoValueSet: false }
  | { operationType: 'BOOL'; operator: 'IS_EQUAL_TO'; value: boolean; includeObjectsWithNoValueSet: false };

export interface PropertyFilter {
  filterType: 'PROPERTY';
  property: string;
  operation: FilterOperation;
}

export interface FilterBranch {
  filterBranchType: 'OR' | 'AND';
  filterBranches: FilterBranch[];
  filters: PropertyFilter[];
}

export interface ListDefinition {
  name: string;
  objectTypeId: string;
  processingType: 'DYNAMIC';
  filterBranch: FilterBranch;
}

export interface HubSpotList {
  listId: string;
  name: string;
  objectTypeId: string;
  processingType: string;
}

export interface ListsApi {
  /** The list of that name for that object type, or null when there is none. */
  findByName(objectTypeId: string, name: string): Promise<HubSpotList | null>;
  /** Creates the list; when the name is taken, answers the existing list with created: false. */
  create(definition: ListDefinition): Promise<{ list: HubSpotList; created: boolean }>;
}

/** HubSpot wants a root OR branch with at least one AND branch, even for a single filter. */
function rootBranch(filter: PropertyFilter): FilterBranch {
  return { filterBranchType: 'OR', filterBranches: [{ filterBranchType: 'AND', filterBranches: [], filters: [filter] }], filters: [] };
}

export function enumerationIs(property: string, values: string[]): FilterBranch {
  return rootBranch({ filterType: 'PROPERTY', property, operation: { operationType: 'ENUMERATION', operator: 'IS_ANY_OF', values, includeObjectsWithNoValueSet: false } });
}

export function boolIs(property: string, value: boolean): FilterBranch {
  return rootBranch({ filterType: 'PROPERTY', property, operation: { operationType: 'BOOL', operator: 'IS_EQUAL_TO', value, includeObjectsWithNoValueSet: false } });
}

export const ListSchema = z.object({
  listId: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  objectTypeId: z.string(),
  processingType: z.string(),
});
const ListEnvelopeSchema = z.object({ list: ListSchema });

const statusOf = (err: unknown): number | undefined =>
  err instanceof PermanentError ? (err as PermanentError & { hubspot?: { status?: number } }).hubspot?.status : undefined;

export function createListsApi(call: HubSpotCaller): ListsApi {
  const api: ListsApi = {
    async findByName(objectTypeId, name) {
      try {
        const res = await call('lists.getByName', (sdk) => sdk.crm.lists.listsApi.getByName(name, objectTypeId), { idempotent: true });
        return parseResponse(ListEnvelopeSchema, res, 'list by name').list;
      } catch (err) {
        if (statusOf(err) === 404) return null;
        throw err;
      }
    },
    async create(definition) {
      try {
        const res = await call('lists.create', (sdk) => sdk.crm.lists.listsApi.create(definition as never));
        return { list: parseResponse(ListEnvelopeSchema, res, 'list create').list, created: true };
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
        const existing = await api.findByName(definition.objectTypeId, definition.name);
        if (!existing) throw err;
        return { list: existing, created: false };
      }
    },
  };
  return api;
}
