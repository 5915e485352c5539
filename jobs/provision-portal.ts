// Creates (or brings up to date) every property group and property the app reads and writes, on
// companies, deals and tasks. Idempotent: run on every install.
import {
  DEAL_INPUT_PROPERTIES, INPUT_GROUP, INPUT_PROPERTIES, OUTPUT_GROUP, OUTPUT_PROPERTIES, TASK_GROUP, TASK_PROPERTIES,
} from '../src/model/index.ts';
import type { PropertyAdmin } from '../src/hubspot/properties-api.ts';
import { provisionProperties, type ProvisionResult, type ProvisionSpec } from '../src/hubspot/provision-properties.ts';

export const PROVISION_SPECS: ProvisionSpec[] = [
  { objectType: 'companies', groups: [INPUT_GROUP, OUTPUT_GROUP], properties: [...INPUT_PROPERTIES, ...OUTPUT_PROPERTIES] },
  { objectType: 'deals', groups: [], properties: DEAL_INPUT_PROPERTIES },
  { objectType: 'tasks', groups: [TASK_GROUP], properties: TASK_PROPERTIES },
];

export function provisionPortal(admin: PropertyAdmin): Promise<ProvisionResult> {
  return provisionProperties(admin, PROVISION_SPECS);
}
