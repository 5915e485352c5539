// Associations between records of a portal, kept in both directions (a deal's companies and a
// company's deals), plus the primary company of a deal or a contact (type 5 / 6, 1 / 2) and the
// parent of a company (a company ↔ company link is always a parent link here: type 13 / 14). Small
// arrays rather than sets: most records have a handful of links and there can be hundreds of
// thousands of records.
import type { ObjectType } from './sandbox-types.ts';

export interface Link {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
}

const key = (from: ObjectType, to: ObjectType): string => `${from}>${to}`;
const EMPTY: readonly string[] = Object.freeze([]);
/** Types whose link to a company can be primary. */
export const HOLDERS: ReadonlySet<ObjectType> = new Set<ObjectType>(['deals', 'contacts']);

export class AssociationIndex {
  private readonly edges = new Map<string, Map<string, string[]>>();
  private readonly sides = new Map<ObjectType, Map<ObjectType, Map<string, string[]>>>();
  /** deal or contact (`deals:id`, `contacts:id`) → its primary company id. */
  private readonly primaryCompany = new Map<string, string>();
  /** child company id → parent company id. */
  private readonly parents = new Map<string, string>();

  private side(from: ObjectType, to: ObjectType): Map<string, string[]> {
    // Called twice per link while seeding hundreds of thousands of deals: no key string built.
    let byTo = this.sides.get(from);
    if (!byTo) this.sides.set(from, (byTo = new Map()));
    let m = byTo.get(to);
    if (!m) {
      byTo.set(to, (m = new Map()));
      this.edges.set(key(from, to), m);
    }
    return m;
  }

  private addOne(from: ObjectType, fromId: string, to: ObjectType, toId: string): boolean {
    const side = this.side(from, to);
    const list = side.get(fromId);
    if (!list) {
      side.set(fromId, [toId]);
      return true;
    }
    if (list.includes(toId)) return false;
    list.push(toId);
    return true;
  }

  private removeOne(from: ObjectType, fromId: string, to: ObjectType, toId: string): boolean {
    const side = this.side(from, to);
    const list = side.get(fromId);
    const at = list?.indexOf(toId) ?? -1;
    if (!list || at < 0) return false;
    list.splice(at, 1);
    if (list.length === 0) side.delete(fromId);
    return true;
  }

  /**
   * Links both ways; true when the link is new. `primary` makes the company the deal's (or
   * contact's) primary one. A company → company link makes `toId` the parent of `fromId`: the
   * caller (CrmStore.setParent) has removed any other parent first.
   */
  add(link: Link, primary = false): boolean {
    const added = this.addOne(link.fromType, link.fromId, link.toType, link.toId);
    this.addOne(link.toType, link.toId, link.fromType, link.fromId);
    const holder = this.holderAndCompany(link);
    if (primary && holder) this.primaryCompany.set(holder.key, holder.companyId);
    if (link.fromType === 'companies' && link.toType === 'companies' && added) this.parents.set(link.fromId, link.toId);
    return added;
  }

  /** Unlinks both ways; reports whether it existed and was the primary one. */
  remove(link: Link): { removed: boolean; wasPrimary: boolean } {
    const wasPrimary = this.isPrimary(link);
    const removed = this.removeOne(link.fromType, link.fromId, link.toType, link.toId);
    this.removeOne(link.toType, link.toId, link.fromType, link.fromId);
    const holder = this.holderAndCompany(link);
    if (holder && wasPrimary) this.primaryCompany.delete(holder.key);
    if (link.fromType === 'companies' && link.toType === 'companies') {
      if (this.parents.get(link.fromId) === link.toId) this.parents.delete(link.fromId);
      else if (this.parents.get(link.toId) === link.fromId) this.parents.delete(link.toId);
    }
    return { removed, wasPrimary };
  }

  /** The parent company of a company (undefined for a top company). */
  parentOf(companyId: string): string | undefined {
    return this.parents.get(companyId);
  }

  list(from: ObjectType, fromId: string, to: ObjectType): readonly string[] {
    return this.sides.get(from)?.get(to)?.get(fromId) ?? EMPTY;
  }

  /** Whether a deal or contact has a primary company. */
  hasPrimary(type: ObjectType, id: string): boolean {
    return this.primaryCompany.has(`${type}:${id}`);
  }

  isPrimary(link: Link): boolean {
    const holder = this.holderAndCompany(link);
    return !!holder && this.primaryCompany.get(holder.key) === holder.companyId;
  }

  /** Every link of a record, as seen from it; a parent link always from the child to the parent. */
  linksOf(type: ObjectType, id: string): Link[] {
    const out: Link[] = [];
    for (const [k, side] of this.edges) {
      const [from, to] = k.split('>') as [ObjectType, ObjectType];
      if (from !== type) continue;
      for (const toId of side.get(id) ?? []) {
        const childSide = from === 'companies' && to === 'companies' && this.parents.get(id) !== toId;
        out.push(childSide ? { fromType: type, fromId: toId, toType: to, toId: id } : { fromType: type, fromId: id, toType: to, toId });
      }
    }
    return out;
  }

  /** The deal or contact side of a link with a company, which may name it primary. */
  private holderAndCompany(link: Link): { key: string; companyId: string } | undefined {
    if (link.toType === 'companies' && HOLDERS.has(link.fromType)) return { key: `${link.fromType}:${link.fromId}`, companyId: link.toId };
    if (link.fromType === 'companies' && HOLDERS.has(link.toType)) return { key: `${link.toType}:${link.toId}`, companyId: link.fromId };
    return undefined;
  }
}
