// Each company's parent company (account groups, scoring-model.md §8), through the v4 association
// batch read from companies to companies: 1,000 inputs per call, each input paged on its own. Of a
// company's links, the one of type 14 (child to parent) names its parent; links of type 13 name its
// children and are left to the children's own reads. HubSpot allows one parent per company; if a
// portal ever returns two, the lowest id is kept, so every reader agrees.
import type { HubSpotCaller } from './hubspot-caller.ts';
import { eachAssociationRow } from './read-associations.ts';

export const CHILD_TO_PARENT_TYPE_ID = 14;

const lower = (a: string, b: string): string => (a.length !== b.length ? (a.length < b.length ? a : b) : a < b ? a : b);

/** The parent id of each company asked for (null: a top company, or one HubSpot did not return). */
export async function readCompanyParents(call: HubSpotCaller, companyIds: readonly string[], concurrency = 2): Promise<Map<string, string | null>> {
  const parents = new Map<string, string | null>([...new Set(companyIds)].map((id) => [id, null]));
  await eachAssociationRow(call, 'companies', 'companies', [...parents.keys()], concurrency, (r) => {
    for (const t of r.to) {
      if (!t.associationTypes?.some((a) => a.typeId === CHILD_TO_PARENT_TYPE_ID) || t.toObjectId === r._from.id) continue;
      const known = parents.get(r._from.id);
      parents.set(r._from.id, known ? lower(known, t.toObjectId) : t.toObjectId);
    }
  }, 'company parents batch read');
  return parents;
}
