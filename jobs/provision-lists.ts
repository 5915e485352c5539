// On install the app creates one active company list per quadrant and one of the key accounts, so
// managers can filter from day one. Idempotent: a list whose name exists is left as it is (a
// manager may have refined it), so a second run creates nothing.
import type { HubSpotCaller } from '../src/hubspot/hubspot-caller.ts';
import { boolIs, COMPANY_OBJECT_TYPE_ID, createListsApi, enumerationIs, type ListDefinition } from '../src/hubspot/lists-api.ts';
import { QUADRANTS, type Quadrant } from '../src/model/types.ts';

const QUADRANT_LIST_NAMES: Record<Quadrant, string> = {
  key: 'KAM quadrant: Key',
  key_development: 'KAM quadrant: Key development',
  maintenance: 'KAM quadrant: Maintenance',
  opportunistic: 'KAM quadrant: Opportunistic',
};
export const KEY_ACCOUNTS_LIST_NAME = 'KAM: Key accounts';

export const KAM_LISTS: ListDefinition[] = [
  ...QUADRANTS.map((q): ListDefinition => ({
    name: QUADRANT_LIST_NAMES[q], objectTypeId: COMPANY_OBJECT_TYPE_ID, processingType: 'DYNAMIC', filterBranch: enumerationIs('kam_quadrant', [q]),
  })),
  { name: KEY_ACCOUNTS_LIST_NAME, objectTypeId: COMPANY_OBJECT_TYPE_ID, processingType: 'DYNAMIC', filterBranch: boolIs('kam_is_key_account', true) },
];

export interface ProvisionListsResult {
  created: Array<{ name: string; listId: string }>;
  existing: Array<{ name: string; listId: string }>;
}

export async function provisionLists(call: HubSpotCaller, lists: readonly ListDefinition[] = KAM_LISTS): Promise<ProvisionListsResult> {
  const api = createListsApi(call);
  const out: ProvisionListsResult = { created: [], existing: [] };
  for (const definition of lists) {
    // Look first: a re-run (reinstall, retry) then costs one GET per list and no refused POST.
    const found = await api.findByName(definition.objectTypeId, definition.name);
    if (found) {
      out.existing.push({ name: found.name, listId: found.listId });
      continue;
    }
    const { list, created } = await api.create(definition);
    (created ? out.created : out.existing).push({ name: list.name, listId: list.listId });
  }
  return out;
}
