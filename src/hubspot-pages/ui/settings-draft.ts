// The settings page's draft, pure: what the admin typed, per setting path, turned into values, checked
// with the model's own schema (the same messages the server gives), and sent as a JSON merge patch
// (RFC 7386, made by the json-merge-patch library the server applies it with) that names only what
// changed, so a save never resets a setting it did not touch.
import mergePatch from 'json-merge-patch';
import { SettingsSchema } from '../../model/settings.ts';
import type { FieldKind } from './settings-catalog.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The admin asked for the default back: the patch says null, so it follows the default from then on. */
export const RESET = Object.freeze({ reset: true as const });
export type Edit = unknown;
export type Edits = Readonly<Record<string, Edit>>;

export type Converted = { ok: true; value: Json } | { ok: false; message: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

function numberFrom(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (typeof input === 'string' && NUMBER.test(input.trim())) return Number(input.trim());
  return null;
}

/** What a control gave, as the setting's JSON value; or why it is not one. */
export function convertInput(kind: FieldKind, input: unknown): Converted {
  switch (kind) {
    case 'boolean':
      return typeof input === 'boolean' ? { ok: true, value: input } : { ok: false, message: 'choose on or off' };
    case 'threshold':
      if (input === 'portfolio-average') return { ok: true, value: input };
      return numberOrMessage(input);
    case 'profit-target':
      if (input === 'auto') return { ok: true, value: input };
      return numberOrMessage(input);
    case 'optional-number':
      if (input === null || input === undefined || (typeof input === 'string' && input.trim() === '')) return { ok: true, value: null };
      return numberOrMessage(input);
    case 'optional-text':
      return { ok: true, value: typeof input === 'string' && input.trim() !== '' ? input.trim() : null };
    case 'money-list': {
      const parts = String(input ?? '').split(/\s*[;,]\s*|\s+/).filter(Boolean);
      const values = parts.map(numberFrom);
      const bad = parts.filter((_, i) => values[i] === null);
      if (bad.length > 0) return { ok: false, message: `not a number: ${bad.join(', ')}` };
      return { ok: true, value: values as number[] };
    }
    case 'ratio-map': {
      const out: JsonObject = {};
      for (const line of String(input ?? '').split('\n').map((l) => l.trim()).filter(Boolean)) {
        const match = /^([^=]+?)\s*=\s*(\S+)$/.exec(line);
        const ratio = match ? numberFrom(match[2]) : null;
        if (!match || ratio === null) return { ok: false, message: `write each line as INDUSTRY = ratio (got "${line}")` };
        out[(match[1] as string).trim()] = ratio;
      }
      return { ok: true, value: out };
    }
    case 'json':
      if (typeof input !== 'string') return { ok: true, value: input as Json };
      try {
        return { ok: true, value: JSON.parse(input) as Json };
      } catch {
        return { ok: false, message: 'not valid JSON' };
      }
    default:
      return numberOrMessage(input);
  }
}

function numberOrMessage(input: unknown): Converted {
  const n = numberFrom(input);
  return n === null ? { ok: false, message: 'enter a number' } : { ok: true, value: n };
}

/** A setting's value as its control shows it (text controls get text). */
export function inputOf(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'money-list': return Array.isArray(value) ? value.join(', ') : '';
    case 'ratio-map': return value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${k} = ${String(v)}`).join('\n') : '';
    case 'json': return JSON.stringify(value, null, 2);
    default: return value;
  }
}

export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), obj);
}

function setPath(obj: JsonObject, path: string, value: Json): void {
  const keys = path.split('.');
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Equal as JSON values: the merge patch from one to the other is empty (wrapped, since the patch between two numbers is the second). */
export function sameJson(a: unknown, b: unknown): boolean {
  return mergePatch.generate({ value: a }, { value: b }) === undefined;
}

/** The RFC 7386 merge patch that turns `before` into `after` (changed keys, removed keys as null; {} when equal). */
export function mergeDiff(before: JsonObject, after: JsonObject): JsonObject {
  return (mergePatch.generate(before, after) ?? {}) as JsonObject;
}

export interface DraftField {
  path: string;
  kind: FieldKind;
}

export interface Draft {
  /** The merge patch of the model settings: empty when nothing changed. */
  patch: JsonObject;
  /** Paths whose value would change (or be reset to the default). */
  changed: string[];
  /** Messages per path: what could not be read, and what the model's schema refuses. */
  fieldErrors: Record<string, string[]>;
  /** The schema's messages that belong to no single field (e.g. tier shares over 100 %). */
  formErrors: string[];
  valid: boolean;
}

export function evaluateDraft(current: JsonObject, defaults: JsonObject, fields: readonly DraftField[], edits: Edits): Draft {
  const candidate = structuredClone(current);
  const fieldErrors: Record<string, string[]> = {};
  const resets: string[] = [];
  for (const field of fields) {
    if (!(field.path in edits)) continue;
    const edit = edits[field.path];
    if (edit === RESET) {
      resets.push(field.path);
      setPath(candidate, field.path, structuredClone((getPath(defaults, field.path) ?? null) as Json));
      continue;
    }
    const converted = convertInput(field.kind, edit);
    if (converted.ok) setPath(candidate, field.path, converted.value);
    else fieldErrors[field.path] = [converted.message];
  }
  const formErrors: string[] = [];
  const parsed = SettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const owner = fields.find((f) => path === f.path || path.startsWith(`${f.path}.`));
      if (owner) (fieldErrors[owner.path] ??= []).push(owner.path === path ? issue.message : `${path.slice(owner.path.length + 1)}: ${issue.message}`);
      else formErrors.push(`${path || 'settings'}: ${issue.message}`);
    }
  }
  const patch = mergeDiff(current, candidate);
  // A reset is sent as null, not as today's default value: from then on the setting follows the default.
  for (const path of resets) if (!sameJson(getPath(current, path), getPath(defaults, path))) setPath(patch, path, null);
  const changed = fields.map((f) => f.path).filter((p) => getPath(patch, p) !== undefined);
  return { patch, changed, fieldErrors, formErrors, valid: Object.keys(fieldErrors).length === 0 && formErrors.length === 0 };
}

/** Whether the model's schema takes 'auto' as a profit target (the settings page offers it only then). */
export function profitTargetAcceptsAuto(): boolean {
  return SettingsSchema.safeParse({ profitTarget: 'auto' }).success;
}
