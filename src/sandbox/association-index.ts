// Associations between records of a portal, kept in both directions (a deal's companies and a
// company's deals), plus the primary company of a deal (type 5 / 6). Small arrays rather than sets:
// most records have a handful of links and there can be hundreds of thousands of records.
import type { ObjectType } from './sandbox-types.ts';

export interface Link {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
}

const key = (from: ObjectType, to: ObjectType): string => `${from}>${to}`;
const EMPTY: readonly string[] = Object.freeze([]);

export class AssociationIndex {
  private readonly edges = new Map<string, Map<string, string[]>>();
  private readonly sides = new Map<ObjectType, Map<ObjectType, Map<string, string[]>>>();
  /** deal id → its primary company id. */
  private readonly primaryCompany = new Map<string, string>();

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

  /** Links both ways; true when the link is new. `primary` makes the company the deal's primary one. */
  add(link: Link, primary = false): boolean {
    const added = this.addOne(link.fromType, link.fromId, link.toType, link.toId);
    this.addOne(link.toType, link.toId, link.fromType, link.fromId);
    if (primary) {
      if (link.fromType === 'deals' && link.toType === 'companies') this.primaryCompany.set(link.fromId, link.toId);
      else if (link.fromType === 'companies' && link.toType === 'deals') this.primaryCompany.set(link.toId, link.fromId);
    }
    return added;
  }

  /** Unlinks both ways; reports whether it existed and was the primary one. */
  remove(link: Link): { removed: boolean; wasPrimary: boolean } {
    const wasPrimary = this.isPrimary(link);
    const removed = this.removeOne(link.fromType, link.fromId, link.toType, link.toId);
    this.removeOne(link.toType, link.toId, link.fromType, link.fromId);
    const deal = this.dealAndCompany(link);
    if (deal && wasPrimary) this.primaryCompany.delete(deal.dealId);
    return { removed, wasPrimary };
  }

  list(from: ObjectType, fromId: string, to: ObjectType): readonly string[] {
    return this.sides.get(from)?.get(to)?.get(fromId) ?? EMPTY;
  }

  hasPrimary(dealId: string): boolean {
    return this.primaryCompany.has(dealId);
  }

  isPrimary(link: Link): boolean {
    const deal = this.dealAndCompany(link);
    return !!deal && this.primaryCompany.get(deal.dealId) === deal.companyId;
  }

  /** Every link of a record, as seen from it. */
  linksOf(type: ObjectType, id: string): Link[] {
    const out: Link[] = [];
    for (const [k, side] of this.edges) {
      const [from, to] = k.split('>') as [ObjectType, ObjectType];
      if (from !== type) continue;
      for (const toId of side.get(id) ?? []) out.push({ fromType: type, fromId: id, toType: to, toId });
    }
    return out;
  }

  private dealAndCompany(link: Link): { dealId: string; companyId: string } | undefined {
    if (link.fromType === 'deals' && link.toType === 'companies') return { dealId: link.fromId, companyId: link.toId };
    if (link.fromType === 'companies' && link.toType === 'deals') return { dealId: link.toId, companyId: link.fromId };
    return undefined;
  }
}
