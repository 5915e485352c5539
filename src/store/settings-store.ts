// Each portal's model settings, who may see and change them, and their version (which the jobs write
// as kam_model_version). Settings never lose data (R16):
// - a change names the version it was based on and is refused when the stored one moved on;
// - a patch is a JSON merge patch (RFC 7386): what it does not name stays, null resets a field to
//   its default; a replace replaces on purpose;
// - every change is kept with who, when and the fields before and after (the last 100), and any of
//   them can be restored;
// - stored settings that no longer validate after an upgrade are reported, and the fields that
//   still hold are kept: only the invalid ones fall back to their defaults, and only until a change.
import mergePatch from 'json-merge-patch';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../model/index.ts';
import { DEFAULT_ACCESS, PortalAccessSchema, type PortalAccess } from './portal-access.ts';
import { portalKeys } from './portal-keys.ts';
import { portalCurrency } from './portal-profile.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';
import {
  diffDocuments, documentBefore, HISTORY_KEPT, type Actor, type ChangeKind, type FieldChange, type HistoryEntry, type SettingsDocument,
} from './settings-history.ts';

export interface StoredSettings {
  /** The settings the model uses: every default filled in. */
  settings: Settings;
  access: PortalAccess;
  version: number;
  updatedAt: string | null;
  updatedBy: Actor | null;
  /** Stored values that no longer validate (after an upgrade): named here, kept in Redis, defaults used meanwhile. */
  problems: string[];
  /** The full pass the last change queued (its progress is shown on the settings page). */
  passJobId: string | null;
}

export interface SettingsIssue {
  path: string;
  message: string;
}

export type WriteRequest = {
  /** The version the change was based on: a write based on an older one is refused. */
  baseVersion: number;
  by: Actor;
} & (
  | { kind: 'patch'; settings?: unknown; access?: unknown }
  | { kind: 'replace'; settings: unknown; access?: unknown }
  | { kind: 'restore'; entryId: string; state: 'after' | 'before' }
);

export type WriteResult =
  | { ok: true; stored: StoredSettings; changed: FieldChange[]; entry: HistoryEntry | null }
  | { ok: false; reason: 'invalid'; problems: string[]; issues: SettingsIssue[] }
  | { ok: false; reason: 'conflict'; baseVersion: number; currentVersion: number }
  | { ok: false; reason: 'no-such-entry'; entryId: string };

/** What a refused stale write tells the person who made it. */
export function conflictMessage(baseVersion: number, currentVersion: number): string {
  return `the settings changed since version ${baseVersion} (now version ${currentVersion}); nothing was saved: reload them, make the change again and save`;
}

/** Key names of a portal's settings and their history (portal-keys.ts names every key of a portal). */
export function settingsKeys(prefix: string, portalId: string): { settings: string; history: string } {
  const keys = portalKeys(prefix, portalId);
  return { settings: keys.settings, history: keys.settingsHistory };
}

// Compare-and-set: the change lands only if the version is still the one it was based on.
const WRITE = redisScript(`
local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '1')
if v ~= tonumber(ARGV[1]) then return -v end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'access', ARGV[3], 'version', v + 1, 'updatedAt', ARGV[4], 'updatedBy', ARGV[5])
redis.call('LPUSH', KEYS[2], ARGV[6])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[7]) - 1)
return v + 1
`);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function issuesOf(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }, root: string): SettingsIssue[] {
  return error.issues.map((i) => ({ path: [root, ...i.path.map(String)].join('.'), message: i.message }));
}

function forbiddenKey(doc: unknown, path: string[] = []): string | null {
  if (Array.isArray(doc)) return doc.map((v, i) => forbiddenKey(v, [...path, String(i)])).find((p) => p !== null) ?? null;
  if (!isObject(doc)) return null;
  for (const [k, v] of Object.entries(doc)) {
    if (FORBIDDEN_KEYS.has(k)) return [...path, k].join('.');
    const found = forbiddenKey(v, [...path, k]);
    if (found) return found;
  }
  return null;
}

function deletePath(doc: unknown, path: ReadonlyArray<PropertyKey>): void {
  let node = doc;
  for (const key of path.slice(0, -1)) node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[String(key)] : undefined;
  if (isObject(node)) delete node[String(path[path.length - 1])];
}

/**
 * Reads stored settings. When they no longer validate, every problem is named, the invalid fields
 * (only those) fall back to their defaults, and the stored document is left as it is.
 */
export function readStoredSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const first = SettingsSchema.safeParse(raw ?? {});
  if (first.success) return { settings: first.data, problems: [] };
  const problems = issuesOf(first.error, 'settings').map((i) => `${i.path}: ${i.message} (stored value kept; the default is used until it is changed)`);
  let doc: unknown = isObject(raw) ? structuredClone(raw) : {};
  let parsed: ReturnType<typeof SettingsSchema.safeParse> = first;
  // Each round drops the fields named by the issues; nested defaults then fill them.
  for (let round = 0; round < 10 && !parsed.success; round++) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of keys) {
        if (path.length === 0) doc = {};
        else deletePath(doc, path);
      }
    }
    parsed = SettingsSchema.safeParse(doc);
  }
  return { settings: parsed.success ? parsed.data : DEFAULT_SETTINGS, problems };
}

function readAccess(raw: string | null | undefined): { access: PortalAccess; problems: string[] } {
  if (!raw) return { access: DEFAULT_ACCESS, problems: [] };
  const parsed = PortalAccessSchema.safeParse(JSON.parse(raw));
  if (parsed.success) return { access: parsed.data, problems: [] };
  return { access: DEFAULT_ACCESS, problems: issuesOf(parsed.error, 'access').map((i) => `${i.path}: ${i.message} (stored value kept; the default is used until it is changed)`) };
}

export class SettingsStore {
  constructor(private readonly redis: RedisClient, private readonly prefix: string, private readonly now: () => number = Date.now) {}

  private keys(portalId: string) {
    return settingsKeys(this.prefix, portalId);
  }

  private async readRaw(portalId: string) {
    const [json, access, version, updatedAt, updatedBy, passJobId] = await this.redis.hmget(this.keys(portalId).settings, 'json', 'access', 'version', 'updatedAt', 'updatedBy', 'passJobId');
    return { json, access, version: Number(version ?? 1), updatedAt, updatedBy, passJobId };
  }

  async get(portalId: string): Promise<StoredSettings> {
    const [raw, currency] = await Promise.all([this.readRaw(portalId), portalCurrency(this.redis, this.prefix, portalId)]);
    const model = raw.json ? readStoredSettings(JSON.parse(raw.json)) : { settings: DEFAULT_SETTINGS, problems: [] };
    const access = readAccess(raw.access);
    // No currency chosen: the portal's company currency as HubSpot names it (read at provisioning and before each pass).
    const settings = model.settings.currency === null && currency ? { ...model.settings, currency } : model.settings;
    return {
      settings, access: access.access, version: raw.version,
      updatedAt: raw.updatedAt ? new Date(Number(raw.updatedAt)).toISOString() : null,
      updatedBy: raw.updatedBy ? (JSON.parse(raw.updatedBy) as Actor) : null,
      problems: [...model.problems, ...access.problems],
      passJobId: raw.passJobId || null,
    };
  }

  /** Remembers the pass a change queued, so every server can show its progress. */
  async notePass(portalId: string, jobId: string): Promise<void> {
    await this.redis.hset(this.keys(portalId).settings, 'passJobId', jobId);
  }

  /** Newest first; at most HISTORY_KEPT are kept. */
  async history(portalId: string): Promise<HistoryEntry[]> {
    const items = await this.redis.lrange(this.keys(portalId).history, 0, HISTORY_KEPT - 1);
    return items.map((item) => JSON.parse(item) as HistoryEntry);
  }

  /** Validates the whole resulting document, then saves it if the version is still `baseVersion`. */
  async write(portalId: string, request: WriteRequest): Promise<WriteResult> {
    const raw = await this.readRaw(portalId);
    if (raw.version !== request.baseVersion) return { ok: false, reason: 'conflict', baseVersion: request.baseVersion, currentVersion: raw.version };
    const current = await this.get(portalId);
    const before: SettingsDocument = {
      // The diff shows what was stored, even a value that no longer validates.
      settings: raw.json ? (JSON.parse(raw.json) as Record<string, unknown>) : (structuredClone(DEFAULT_SETTINGS) as Record<string, unknown>),
      access: raw.access ? (JSON.parse(raw.access) as Record<string, unknown>) : (structuredClone(DEFAULT_ACCESS) as unknown as Record<string, unknown>),
    };
    const proposed = await this.proposedDocument(portalId, current, request);
    if (!proposed.ok) return proposed;
    const settings = SettingsSchema.safeParse(proposed.doc.settings);
    const access = PortalAccessSchema.safeParse(proposed.doc.access);
    const issues = [...(settings.success ? [] : issuesOf(settings.error, 'settings')), ...(access.success ? [] : issuesOf(access.error, 'access'))];
    if (!settings.success || !access.success) return { ok: false, reason: 'invalid', problems: issues.map((i) => `${i.path}: ${i.message}`), issues };
    const after: SettingsDocument = { settings: settings.data as Record<string, unknown>, access: access.data as unknown as Record<string, unknown> };
    const changes = diffDocuments(before, after);
    if (changes.length === 0) return { ok: true, stored: current, changed: [], entry: null };
    const at = this.now();
    const entry: HistoryEntry = {
      id: String(request.baseVersion + 1), at: new Date(at).toISOString(), by: request.by, kind: request.kind as ChangeKind,
      baseVersion: request.baseVersion, version: request.baseVersion + 1,
      restoredFrom: request.kind === 'restore' ? request.entryId : null, changes, after,
    };
    const keys = this.keys(portalId);
    const result = Number(await WRITE.run(this.redis, [keys.settings, keys.history], [
      String(request.baseVersion), JSON.stringify(after.settings), JSON.stringify(after.access), String(at), JSON.stringify(request.by), JSON.stringify(entry), String(HISTORY_KEPT),
    ]));
    if (result < 0) return { ok: false, reason: 'conflict', baseVersion: request.baseVersion, currentVersion: -result };
    return {
      ok: true, changed: changes, entry,
      stored: { settings: settings.data, access: access.data, version: result, updatedAt: entry.at, updatedBy: request.by, problems: [], passJobId: current.passJobId },
    };
  }

  private async proposedDocument(
    portalId: string, current: StoredSettings, request: WriteRequest,
  ): Promise<{ ok: true; doc: { settings: unknown; access: unknown } } | Extract<WriteResult, { ok: false }>> {
    const invalid = (path: string, message: string): Extract<WriteResult, { ok: false }> => ({ ok: false, reason: 'invalid', problems: [`${path}: ${message}`], issues: [{ path, message }] });
    if (request.kind === 'restore') {
      const entry = (await this.history(portalId)).find((e) => e.id === request.entryId);
      if (!entry) return { ok: false, reason: 'no-such-entry', entryId: request.entryId };
      return { ok: true, doc: request.state === 'after' ? entry.after : documentBefore(entry) };
    }
    for (const [name, part] of [['settings', request.settings], ['access', request.access]] as const) {
      if (part === undefined) continue;
      if (!isObject(part)) return invalid(name, 'must be a JSON object');
      const bad = forbiddenKey(part);
      if (bad) return invalid(`${name}.${bad}`, 'is not a settings field');
    }
    if (request.kind === 'replace') return { ok: true, doc: { settings: request.settings, access: request.access ?? current.access } };
    // RFC 7386 over the settings in force (defaults filled), so a patch of one field of a group
    // keeps the group's other fields; the library works on copies.
    const apply = (target: unknown, patch: unknown): unknown => (patch === undefined ? target : mergePatch.apply(structuredClone(target), patch));
    return { ok: true, doc: { settings: apply(current.settings, request.settings), access: apply(current.access, request.access) } };
  }

  async remove(portalId: string): Promise<void> {
    const keys = this.keys(portalId);
    await this.redis.del(keys.settings, keys.history);
  }
}
