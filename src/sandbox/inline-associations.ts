// Associations inlined in a v3 object response (`?associations=deals`): per other type,
// `results[{id, type}]` where a primary association appears twice, once as `company_to_deal` and
// once as `company_to_deal_unlabeled`, as HubSpot returns them. Past `limit` ids the list is cut
// and carries `paging.next.after`, so a reader must fetch the rest (v4 batch read). Between
// companies, the parent reads `child_to_parent_company` and each child `parent_to_child_company`.
import type { CrmStore } from './crm-store.ts';
import { associationKind, PARENT_LINK } from './object-types.ts';
import type { ObjectType } from './sandbox-types.ts';

interface InlineList {
  results: Array<{ id: string; type: string }>;
  paging?: { next: { after: string; link: string | null } };
}

export function inlineAssociations(
  store: CrmStore,
  type: ObjectType,
  id: string,
  others: readonly ObjectType[],
  limit: number,
): Record<string, InlineList> | undefined {
  const out: Record<string, InlineList> = {};
  for (const other of others) {
    if (type === 'companies' && other === 'companies') {
      const parents = parentLinks(store, id, limit);
      if (parents) out[other] = parents;
      continue;
    }
    const kind = associationKind(type, other);
    const ids = store.associations.list(type, id, other);
    if (!kind || ids.length === 0) continue;
    const unlabeled = kind.primary === undefined ? kind.v3Name : `${kind.v3Name}_unlabeled`;
    const results: InlineList['results'] = [];
    for (const toId of ids.slice(0, limit)) {
      const link = { fromType: type, fromId: id, toType: other, toId };
      if (kind.primary !== undefined && store.associations.isPrimary(link)) results.push({ id: toId, type: kind.v3Name });
      results.push({ id: toId, type: unlabeled });
    }
    const list: InlineList = { results };
    if (ids.length > limit) list.paging = { next: { after: Buffer.from(String(limit)).toString('base64url'), link: null } };
    out[other] = list;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A company's parent (`child_to_parent_company`) and children (`parent_to_child_company`). */
function parentLinks(store: CrmStore, id: string, limit: number): InlineList | undefined {
  const ids = store.associations.list('companies', id, 'companies');
  if (ids.length === 0) return undefined;
  const parent = store.associations.parentOf(id);
  const results = ids.slice(0, limit).map((toId) => ({ id: toId, type: toId === parent ? PARENT_LINK.toParent.v3Name : PARENT_LINK.toChild.v3Name }));
  return ids.length > limit ? { results, paging: { next: { after: Buffer.from(String(limit)).toString('base64url'), link: null } } } : { results };
}
