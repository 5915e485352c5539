// The property-schema calls provisioning needs: list and create groups, list, batch-create and patch
// properties. A group or property that already exists (409, or OBJECT_ALREADY_EXISTS in a 207) is
// what we wanted, not an error: two installs provisioning at once must both succeed.
import { PermanentError } from '../errors.ts';
import type { PropertyDefinition } from '../model/properties.ts';
import { chunk } from './chunk.ts';
import type { HubSpotCaller } from './hubspot-caller.ts';
import {
  parseResponse,
  PropertyBatchSchema,
  PropertyGroupListSchema,
  PropertyListSchema,
  PropertySchema,
  type HubSpotProperty,
} from './response-schemas.ts';

export const PROPERTY_BATCH_LIMIT = 100;

export interface PropertyGroupInput {
  name: string;
  label: string;
  displayOrder?: number;
}

export interface PropertyPatch {
  label?: string;
  description?: string;
  groupName?: string;
  type?: string;
  fieldType?: string;
  options?: Array<{ label: string; value: string }>;
}

export interface PropertyAdmin {
  listPropertyGroups(objectType: string): Promise<PropertyGroupInput[]>;
  createPropertyGroup(objectType: string, group: PropertyGroupInput): Promise<void>;
  listProperties(objectType: string): Promise<HubSpotProperty[]>;
  createProperties(objectType: string, defs: readonly PropertyDefinition[]): Promise<void>;
  updateProperty(objectType: string, name: string, patch: PropertyPatch): Promise<void>;
}

const optionInputs = (options: ReadonlyArray<{ label: string; value: string }>) =>
  options.map((o, i) => ({ label: o.label, value: o.value, displayOrder: i, hidden: false }));

export function toPropertyCreate(def: PropertyDefinition) {
  return {
    name: def.name,
    label: def.label,
    description: def.description,
    groupName: def.groupName,
    type: def.type,
    fieldType: def.fieldType,
    formField: false,
    ...(def.options ? { options: optionInputs(def.options) } : {}),
  };
}

const alreadyExists = (err: unknown): boolean =>
  err instanceof PermanentError && (err as PermanentError & { hubspot?: { status?: number } }).hubspot?.status === 409;

export function createPropertyAdmin(call: HubSpotCaller): PropertyAdmin {
  return {
    async listPropertyGroups(objectType) {
      const res = await call('properties.groups.list', async (sdk) => parseResponse(PropertyGroupListSchema, await sdk.crm.properties.groupsApi.getAll(objectType), 'property groups'), { idempotent: true });
      return res.results;
    },
    async createPropertyGroup(objectType, group) {
      try {
        await call('properties.groups.create', (sdk) => sdk.crm.properties.groupsApi.create(objectType, { ...group }));
      } catch (err) {
        if (!alreadyExists(err)) throw err;
      }
    },
    async listProperties(objectType) {
      const res = await call('properties.list', async (sdk) => parseResponse(PropertyListSchema, await sdk.crm.properties.coreApi.getAll(objectType), 'properties'), { idempotent: true });
      return res.results;
    },
    async createProperties(objectType, defs) {
      for (const batch of chunk(defs, PROPERTY_BATCH_LIMIT)) {
        const inputs = batch.map(toPropertyCreate);
        const res = await call('properties.batchCreate', async (sdk) =>
          parseResponse(PropertyBatchSchema, await sdk.crm.properties.batchApi.create(objectType, { inputs: inputs as never }), 'property batch create'),
        );
        const real = (res.errors ?? []).filter((e) => e.category !== 'OBJECT_ALREADY_EXISTS');
        if (real.length > 0) throw new PermanentError(`creating ${objectType} properties failed: ${real.map((e) => e.message ?? e.category).join('; ').slice(0, 500)}`);
      }
    },
    async updateProperty(objectType, name, patch) {
      const body = { ...patch, ...(patch.options ? { options: optionInputs(patch.options) } : {}) };
      await call('properties.update', async (sdk) => parseResponse(PropertySchema, await sdk.crm.properties.coreApi.update(objectType, name, body as never), 'property update'), {
        idempotent: true,
      });
    },
  };
}
