// One portal's CRM data: records per object type, associations, the property schema and lists.
// Every change goes through here and is announced as a StoreChange (creation, propertyChange per
// changed value, associationChange, deletion, restore, merge), which the sandbox turns into
// webhook events. Writes are validated against the schema unless told otherwise (seeding).
import { AssociationIndex, type Link } from './association-index.ts';
import { calculatedOnCreate, calculatedOnUpdate } from './calculated-properties.ts';
import { ListStore } from './list-store.ts';
import { PropertyCatalog } from './property-catalog.ts';
import { normaliseValues } from './property-values.ts';
import { ObjectTable } from './object-table.ts';
import { SandboxError, UI_SOURCE, type ChangeListener, type ChangeSource, type ObjectType, type StoredRecord, type StoreChange } from './sandbox-types.ts';

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

const FIRST_IDS: Record<ObjectType, number> = { companies: 18_273_645_001, deals: 30_111_222_001, tasks: 91_234_000_001 };
const SYSTEM = new Set(['createdate', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']);

export class CrmStore {
  readonly portalId: string;
  readonly properties: PropertyCatalog;
  readonly associations = new AssociationIndex();
  readonly lists: ListStore;
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
    this.tables = { companies: new ObjectTable('companies', FIRST_IDS.companies), deals: new ObjectTable('deals', FIRST_IDS.deals), tasks: new ObjectTable('tasks', FIRST_IDS.tasks) };
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
    const deal = link.fromType === 'deals' ? link.fromId : link.toType === 'deals' ? link.toId : undefined;
    const primary = opts.primary ?? (deal !== undefined && !this.associations.hasPrimary(deal));
    const wasPrimary = this.associations.isPrimary(link);
    const added = this.associations.add(link, primary);
    if (added || (primary && !wasPrimary)) this.emitLink(link, false, opts);
    return added;
  }

  unlink(link: Link, opts: WriteOptions = {}): boolean {
    const { removed, wasPrimary } = this.associations.remove(link);
    if (removed) this.emitLink(link, true, opts, wasPrimary);
    return removed;
  }

  private emitLink(link: Link, removed: boolean, opts: WriteOptions, primary = this.associations.isPrimary(link)): void {
    const stamp = this.stamp(opts);
    this.emit({ kind: 'associationChange', ...link, removed, primary, ...stamp }, opts);
    const reverse = { fromType: link.toType, fromId: link.toId, toType: link.fromType, toId: link.fromId };
    this.emit({ kind: 'associationChange', ...reverse, removed, primary, ...stamp }, opts);
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
      if (this.get(l.toType, l.toId)) this.associations.add(l, l.toType === 'companies' && l.fromType === 'deals' && !this.associations.hasPrimary(l.fromId));
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
      this.associations.add({ ...l, fromId: primaryId }, wasPrimary);
    }
    this.tables[type].archive(mergedId);
    primary.updatedAt = new Date(this.now()).toISOString();
    primary.properties.hs_lastmodifieddate = primary.updatedAt;
    this.emit({ kind: 'merge', objectType: type, primaryId, mergedIds: [mergedId], newId: primaryId, propertiesMoved: moved, ...this.stamp(opts) }, opts);
    return primary;
  }
}
