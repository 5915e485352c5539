// Associations inlined in a v3 object response (`?associations=deals`): per other type,
// `results[{id, type}]` where a primary association appears twice, once as `company_to_deal` and
// once as `company_to_deal_unlabeled`, as HubSpot returns them. Past `limit` ids the list is cut
// and carries `paging.next.after`, so a reader must fetch the rest (v4 batch read).
import type { CrmStore } from './crm-store.ts';
import { associationKind } from './object-types.ts';
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
