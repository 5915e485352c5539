// What a settings change did, field by field: the entries of a portal's settings history, and the
// diff and revert they are made of. A leaf is a primitive or an array (arrays are replaced whole,
// as a JSON merge patch replaces them).

export type Actor =
  | { type: 'hubspot-user'; userId: string; email: string | null }
  | { type: 'operator' }
  /** Stored settings migrated after an upgrade. */
  | { type: 'upgrade' };

export const OPERATOR: Actor = { type: 'operator' };

export type ChangeKind = 'patch' | 'replace' | 'restore' | 'migrate';

export interface FieldChange {
  /** Dot path: 'settings.attractivenessWeights.size', 'access.editors.users'. */
  path: string;
  /** The same path as keys (a key may itself hold a dot, e.g. an industry name). */
  keys: string[];
  /** Absent when the field was not set on that side. */
  before?: unknown;
  after?: unknown;
}

/** The document a settings write changes: the model settings and who may see and change them. */
export interface SettingsDocument {
  settings: Record<string, unknown>;
  access: Record<string, unknown>;
}

export interface HistoryEntry {
  /** The version this change made, as a string: unique per portal. */
  id: string;
  at: string;
  by: Actor;
  kind: ChangeKind;
  baseVersion: number;
  version: number;
  restoredFrom: string | null;
  changes: FieldChange[];
  /** The whole document after the change, so any entry can be restored. */
  after: SettingsDocument;
}

/** Most entries kept per portal (older ones are dropped). */
export const HISTORY_KEPT = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every leaf that differs between two JSON documents, in a stable order. */
export function diffDocuments(before: unknown, after: unknown, keys: string[] = []): FieldChange[] {
  const path = keys.join('.');
  if (isObject(before) && isObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return names.flatMap((k) => {
      const sub = [...keys, k];
      if (!Object.hasOwn(after, k)) return [{ path: sub.join('.'), keys: sub, before: before[k] }];
      if (!Object.hasOwn(before, k)) return [{ path: sub.join('.'), keys: sub, after: after[k] }];
      return diffDocuments(before[k], after[k], sub);
    });
  }
  return same(before, after) ? [] : [{ path, keys, before, after }];
}

function setPath(doc: Record<string, unknown>, path: string[], value: unknown): void {
  let node = doc;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The document as it was before the entry's change: its `after` with every change undone. */
export function documentBefore(entry: Pick<HistoryEntry, 'after' | 'changes'>): SettingsDocument {
  const doc = structuredClone(entry.after) as unknown as Record<string, unknown>;
  for (const change of entry.changes) setPath(doc, change.keys, structuredClone(change.before));
  return doc as unknown as SettingsDocument;
}
