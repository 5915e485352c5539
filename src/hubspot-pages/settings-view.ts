// The settings page's view of a portal's settings: every setting with its value and its default,
// the JSON Schema of the settings (limits for the form), the profit target as the number it gives,
// who may see and change, and the pass a save queued.
import { z } from 'zod';
import { DEFAULT_SETTINGS, SettingsSchema } from '../model/settings.ts';
import type { StoredSettings } from '../store/settings-store.ts';
import type { FieldChange, HistoryEntry as StoredEntry } from '../store/settings-history.ts';
import type { HistoryEntry, OptionalFeature, PassProgress, Person, ProfitTarget, SettingsField, SettingsResponse } from './api-contract.ts';
import type { Directory } from './user-directory.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf setting (a primitive or an array; a record of industries counts as one) with its default. */
export function settingsFields(settings: Record<string, unknown>, defaults: Record<string, unknown> = DEFAULT_SETTINGS as Record<string, unknown>, path: string[] = []): SettingsField[] {
  return Object.keys({ ...defaults, ...settings }).flatMap((key) => {
    const value = settings[key];
    const def = defaults[key];
    const sub = [...path, key];
    // byIndustry's keys are the admin's: one field, not one per industry.
    if (isObject(value) && isObject(def) && key !== 'byIndustry') return settingsFields(value, def, sub);
    return [{ path: sub.join('.'), value: (value ?? null) as SettingsField['value'], default: (def ?? null) as SettingsField['default'], isDefault: JSON.stringify(value) === JSON.stringify(def) }];
  });
}

let schemaJson: Record<string, unknown> | undefined;
/** The settings' JSON Schema (what the model's zod schema accepts), made once. */
export function settingsJsonSchema(): Record<string, unknown> {
  schemaJson ??= z.toJSONSchema(SettingsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schemaJson;
}

export interface SettingsViewInput {
  portalId: string;
  stored: StoredSettings;
  profitTarget: ProfitTarget;
  installer: Person | null;
  you: { userId: string; email: string | null; canView: boolean; canEdit: boolean };
  optionalFeatures: OptionalFeature[];
  directory: Directory | null;
  pass: PassProgress | null;
}

export function settingsView(input: SettingsViewInput): SettingsResponse {
  const { stored } = input;
  const settings = stored.settings as unknown as Record<string, unknown>;
  return {
    portalId: input.portalId,
    version: stored.version,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
    settings: settings as SettingsResponse['settings'],
    defaults: DEFAULT_SETTINGS as unknown as SettingsResponse['defaults'],
    fields: settingsFields(settings),
    schema: settingsJsonSchema() as SettingsResponse['schema'],
    profitTarget: input.profitTarget,
    access: stored.access,
    installer: input.installer,
    you: input.you,
    optionalFeatures: input.optionalFeatures,
    directory: input.directory && {
      users: input.directory.users.map((u) => ({ userId: u.userId, email: u.email, name: u.name, superAdmin: u.superAdmin })),
      teams: input.directory.teams ?? [],
    },
    storedProblems: stored.problems,
    pass: input.pass,
  };
}

const apiChange = ({ keys: _keys, ...change }: FieldChange): HistoryEntry['changes'][number] => change as HistoryEntry['changes'][number];

/** A stored history entry as the API shows it (without the document kept for restoring). */
export function historyEntryView({ after: _after, ...entry }: StoredEntry): HistoryEntry {
  return { ...entry, changes: entry.changes.map(apiChange) };
}
