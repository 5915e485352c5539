// One portal's CRM data: records per object type, associations, the property schema and lists.
// Every change goes through here and is announced as a StoreChange (creation, propertyChange per
// changed value, associationChange, deletion, restore, merge), which the sandbox turns into
// webhook events. Writes are validated against the schema unless told otherwise (seeding).
import { AssociationIndex, HOLDERS, type Link } from './association-index.ts';
import { calculatedOnCreate, calculatedOnUpdate } from './calculated-properties.ts';
import { ListStore } from './list-store.ts';
import { PARENT_LINK } from './object-types.ts';
import { PropertyCatalog } from './property-catalog.ts';
import { normaliseValues } from './property-values.ts';
import { ObjectTable } from './object-table.ts';
import { OBJECT_TYPES, SandboxError, UI_SOURCE, type ChangeListener, type ChangeSource, type ObjectType, type StoredRecord, type StoreChange } from './sandbox-types.ts';

export interface WriteOptions {
  source?: ChangeSource;
  /** Check names and values against the schema (default true). */
  validate?: boolean;
  /** Allow values of calculated properties (default false: the API refuses them). */
  allowReadOnly?: boolean;
  /** Announce no change (seeding). */
  silent?: boolean;
}

export interface CrmStoreOptions {
  portalId: string;
  now: () => number;
  onChange?: ChangeListener;
  /** Also announce association removals when a record is deleted (default false). */
  associationEventsOnDelete?: boolean;
}

const FIRST_IDS: Record<ObjectType, number> = {
  companies: 18_273_645_001, deals: 30_111_222_001, tasks: 91_234_000_001, contacts: 51_001_000_001, line_items: 21_500_000_001, products: 1_700_000_001,
};
/** The deal or contact of a link with a company: the side that may name the company its primary one. */
function holderOf(link: Link): { type: ObjectType; id: string } | undefined {
  if (link.toType === 'companies' && HOLDERS.has(link.fromType)) return { type: link.fromType, id: link.fromId };
  if (link.fromType === 'companies' && HOLDERS.has(link.toType)) return { type: link.toType, id: link.toId };
  return undefined;
}

const SYSTEM = new Set(['createdate', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']);

export class CrmStore {
  readonly portalId: string;
  readonly properties: PropertyCatalog;
  readonly associations = new AssociationIndex();
  readonly lists: ListStore;
  /** The portal's company currency (account-info); tests may change it. */
  companyCurrency = 'EUR';
  protected readonly now: () => number;
  private readonly tables: Record<ObjectType, ObjectTable>;
  private readonly parkedLinks = new Map<string, Link[]>();
  private listener: ChangeListener | undefined;

  constructor(private readonly options: CrmStoreOptions) {
    this.portalId = options.portalId;
    this.now = options.now;
    this.listener = options.onChange;
    this.properties = new PropertyCatalog(options.now);
    this.lists = new ListStore(options.now);
    this.tables = Object.fromEntries(OBJECT_TYPES.map((t) => [t, new ObjectTable(t, FIRST_IDS[t])])) as Record<ObjectType, ObjectTable>;
  }

  /** Replaces the change listener (the sandbox wires webhooks here). */
  onChange(listener: ChangeListener | undefined): void {
    this.listener = listener;
  }

  table(type: ObjectType): ObjectTable {
    return this.tables[type];
  }

  protected emit(change: StoreChange, opts: WriteOptions): void {
    if (!opts.silent) this.listener?.(change);
  }

  private stamp(opts: WriteOptions): { source: ChangeSource; occurredAt: number } {
    return { source: opts.source ?? UI_SOURCE, occurredAt: this.now() };
  }

  /** Validated, string-valued properties of a write. */
  normalise(type: ObjectType, input: Record<string, unknown>, opts: WriteOptions): Record<string, string> {
    if (opts.validate === false) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(input)) if (v !== null && v !== undefined) out[k] = String(v);
      return out;
    }
    return normaliseValues(input, (name) => this.properties.get(type, name), Number(this.portalId), { allowReadOnly: opts.allowReadOnly });
  }

  get(type: ObjectType, id: string): StoredRecord | undefined {
    return this.tables[type].get(id);
  }

  require(type: ObjectType, id: string): StoredRecord {
    const record = this.get(type, id);
    if (!record) throw new SandboxError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    return record;
  }

  create(type: ObjectType, input: Record<string, unknown>, opts: WriteOptions & { id?: string } = {}): StoredRecord {
    const values = this.normalise(type, input, opts);
    const table = this.tables[type];
    const id = opts.id ?? table.nextId();
    if (!/^\d{1,15}$/.test(id)) throw new SandboxError(400, 'VALIDATION_ERROR', `Object ids are numeric; got ${id}`);
    if (table.get(id)) throw new SandboxError(409, 'OBJECT_ALREADY_EXISTS', `A ${type} record with id ${id} already exists.`);
    const at = new Date(this.now()).toISOString();
    const properties: Record<string, string> = { ...calculatedOnCreate(type, values, at, opts.source ?? UI_SOURCE) };
    for (const [k, v] of Object.entries(values)) if (v !== '') properties[k] = v;
    properties[type === 'tasks' ? 'hs_createdate' : 'createdate'] ??= at;
    Object.assign(properties, { hs_lastmodifieddate: at, hs_object_id: id });
    const record: StoredRecord = { id, properties, createdAt: properties.createdate ?? properties.hs_createdate ?? at, updatedAt: at };
    table.insert(record);
    const stamp = this.stamp(opts);
    this.emit({ kind: 'creation', objectType: type, objectId: id, ...stamp }, opts);
    for (const [name, value] of Object.entries(properties)) {
      if (!SYSTEM.has(name)) this.emit({ kind: 'propertyChange', objectType: type, objectId: id, propertyName: name, propertyValue: value, ...stamp }, opts);
    }
    return record;
  }

  update(type: ObjectType, id: string, input: Record<string, unknown>, opts: WriteOptions = {}): StoredRecord {
    const record = this.require(type, id);
    const values = this.normalise(type, input, opts);
    Object.assign(values, calculatedOnUpdate(type, values, record, this.now()));
    const stamp = this.stamp(opts);
    let changed = false;
    for (const [name, value] of Object.entries(values)) {
      if ((record.properties[name] ?? '') === value) continue;
      if (value === '') delete record.properties[name];
      else record.properties[name] = value;
      changed = true;
      this.emit({ kind: 'propertyChange', objectType: type, objectId: id, propertyName: name, propertyValue: value, ...stamp }, opts);
    }
    if (changed) {
      record.updatedAt = new Date(stamp.occurredAt).toISOString();
      record.properties.hs_lastmodifieddate = record.updatedAt;
    }
    return record;
  }

  link(link: Link, opts: WriteOptions & { primary?: boolean } = {}): boolean {
    this.require(link.fromType, link.fromId);
    this.require(link.toType, link.toId);
    if (link.fromType === 'companies' && link.toType === 'companies') return this.setParentLink(link.fromId, link.toId, opts);
    const holder = holderOf(link);
    const primary = opts.primary ?? (holder !== undefined && !this.associations.hasPrimary(holder.type, holder.id));
    const wasPrimary = this.associations.isPrimary(link);
    const added = this.associations.add(link, primary);
    if (added || (primary && !wasPrimary)) this.emitLink(link, false, opts);
    return added;
  }

  unlink(link: Link, opts: WriteOptions = {}): boolean {
    const oriented = this.oriented(link);
    const { removed, wasPrimary } = this.associations.remove(oriented);
    if (removed) this.emitLink(oriented, true, opts, wasPrimary);
    return removed;
  }

  /**
   * Makes `parentId` the parent of `childId` (null: no parent), as a user does in HubSpot: the old
   * parent link is removed first (one parent per company), each change announced from both sides.
   * A link that would make a company its own ancestor is refused.
   */
  setParent(childId: string, parentId: string | null, opts: WriteOptions = {}): boolean {
    this.require('companies', childId);
    const old = this.associations.parentOf(childId);
    if (old === (parentId ?? undefined)) return false;
    if (parentId !== null) {
      this.require('companies', parentId);
      for (let at: string | undefined = parentId, hops = 0; at !== undefined && hops < 10_000; at = this.associations.parentOf(at), hops++) {
        if (at === childId) throw new SandboxError(400, 'VALIDATION_ERROR', `Company ${parentId} cannot be the parent of ${childId}: it is ${childId === parentId ? 'the same company' : 'one of its children'}.`);
      }
    }
    if (old !== undefined) this.unlink({ fromType: 'companies', fromId: childId, toType: 'companies', toId: old }, opts);
    if (parentId === null) return true;
    this.associations.add({ fromType: 'companies', fromId: childId, toType: 'companies', toId: parentId });
    this.emitLink({ fromType: 'companies', fromId: childId, toType: 'companies', toId: parentId }, false, opts, false);
    return true;
  }

  private setParentLink(childId: string, parentId: string, opts: WriteOptions): boolean {
    if (this.associations.parentOf(childId) !== undefined && this.associations.parentOf(childId) !== parentId) {
      // One parent per company: HubSpot's API does not say whether it replaces; the stricter reading refuses.
      throw new SandboxError(400, 'VALIDATION_ERROR', `Company ${childId} already has a parent company (${this.associations.parentOf(childId)}).`);
    }
    return this.setParent(childId, parentId, opts);
  }

  /** A company ↔ company link as the index keeps it: from the child to its parent. */
  private oriented(link: Link): Link {
    if (link.fromType !== 'companies' || link.toType !== 'companies' || this.associations.parentOf(link.fromId) === link.toId) return link;
    return { fromType: 'companies', fromId: link.toId, toType: 'companies', toId: link.fromId };
  }

  private emitLink(link: Link, removed: boolean, opts: WriteOptions, primary = this.associations.isPrimary(link)): void {
    const stamp = this.stamp(opts);
    // A parent link (always child → parent here) names its direction on each side's event.
    const parentLink = link.fromType === 'companies' && link.toType === 'companies';
    const forward = parentLink ? { associationType: PARENT_LINK.toParent.webhookName } : {};
    const backward = parentLink ? { associationType: PARENT_LINK.toChild.webhookName } : {};
    this.emit({ kind: 'associationChange', ...link, removed, primary, ...forward, ...stamp }, opts);
    const reverse = { fromType: link.toType, fromId: link.toId, toType: link.fromType, toId: link.fromId };
    this.emit({ kind: 'associationChange', ...reverse, removed, primary, ...backward, ...stamp }, opts);
  }

  archive(type: ObjectType, id: string, opts: WriteOptions = {}): boolean {
    if (!this.tables[type].get(id)) return false;
    const links = this.associations.linksOf(type, id);
    for (const l of links) {
      this.associations.remove(l);
      if (this.options.associationEventsOnDelete) this.emitLink(l, true, opts, false);
    }
    this.parkedLinks.set(`${type}:${id}`, links);
    this.tables[type].archive(id);
    this.emit({ kind: 'deletion', objectType: type, objectId: id, ...this.stamp(opts) }, opts);
    return true;
  }

  restore(type: ObjectType, id: string, opts: WriteOptions = {}): StoredRecord {
    const record = this.tables[type].restore(id);
    if (!record) throw new SandboxError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    for (const l of this.parkedLinks.get(`${type}:${id}`) ?? []) {
      const other = l.fromId === id && l.fromType === type ? { type: l.toType, id: l.toId } : { type: l.fromType, id: l.fromId };
      if (!this.get(other.type, other.id)) continue;
      if (l.fromType === 'companies' && l.toType === 'companies' && this.associations.parentOf(l.fromId) !== undefined) continue;
      const holder = holderOf(l);
      this.associations.add(l, holder !== undefined && !this.associations.hasPrimary(holder.type, holder.id));
    }
    this.parkedLinks.delete(`${type}:${id}`);
    this.emit({ kind: 'restore', objectType: type, objectId: id, ...this.stamp(opts) }, opts);
    return record;
  }

  /** Merges `mergedId` into `primaryId`: blanks filled from the merged record, links moved, merged archived. */
  merge(type: ObjectType, primaryId: string, mergedId: string, opts: WriteOptions = {}): StoredRecord {
    if (primaryId === mergedId) throw new SandboxError(400, 'VALIDATION_ERROR', 'Cannot merge an object with itself.');
    const primary = this.require(type, primaryId);
    const merged = this.require(type, mergedId);
    let moved = 0;
    for (const [name, value] of Object.entries(merged.properties)) {
      if (SYSTEM.has(name) || primary.properties[name] !== undefined) continue;
      primary.properties[name] = value;
      moved += 1;
    }
    for (const l of this.associations.linksOf(type, mergedId)) {
      const wasPrimary = this.associations.isPrimary(l);
      this.associations.remove(l);
      const moved = { ...l, fromId: l.fromId === mergedId ? primaryId : l.fromId, toId: l.toId === mergedId ? primaryId : l.toId };
      // A parent link that would give the survivor a second parent, or link it to itself, is dropped.
      const parentLink = type === 'companies' && l.toType === 'companies';
      if (parentLink && (moved.fromId === moved.toId || this.associations.parentOf(moved.fromId) !== undefined)) continue;
      this.associations.add(moved, wasPrimary);
    }
    this.tables[type].archive(mergedId);
    primary.updatedAt = new Date(this.now()).toISOString();
    primary.properties.hs_lastmodifieddate = primary.updatedAt;
    this.emit({ kind: 'merge', objectType: type, primaryId, mergedIds: [mergedId], newId: primaryId, propertiesMoved: moved, ...this.stamp(opts) }, opts);
    return primary;
  }
}
