// Checks and normalises property values the way HubSpot does on a write: unknown names and
// read-only values are refused, numbers must parse, options must be among the property's options,
// datetimes must be a date; everything is stored as a string, an empty string or null clears.
// HubSpot refuses the whole request (400 VALIDATION_ERROR) and lists every bad value in its message.
import { SandboxError } from './sandbox-types.ts';
import type { SandboxProperty } from './standard-properties.ts';

export interface InvalidValue {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

type Check = { ok: true; value: string } | { ok: false; error: string; message: string };

function checkDatetime(value: string): Check {
  if (/^\d{1,15}$/.test(value)) return { ok: true, value: new Date(Number(value)).toISOString() };
  return Number.isFinite(Date.parse(value)) ? { ok: true, value } : { ok: false, error: 'INVALID_DATE', message: `${JSON.stringify(value)} is not a valid date` };
}

function checkOptions(def: SandboxProperty, value: string): Check {
  if (def.externalOptions) return { ok: true, value };
  const allowed = new Set(def.options.map((o) => o.value));
  const parts = def.fieldType === 'checkbox' ? value.split(';') : [value];
  const bad = parts.find((p) => !allowed.has(p));
  if (bad === undefined) return { ok: true, value };
  return { ok: false, error: 'INVALID_OPTION', message: `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]` };
}

/** One value against its definition. */
export function checkValue(def: SandboxProperty, raw: unknown): Check {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: '' };
  if (typeof raw === 'object') return { ok: false, error: 'INVALID_VALUE', message: `${JSON.stringify(raw)} is not a valid value` };
  const value = String(raw);
  switch (def.type) {
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value))
        ? { ok: true, value }
        : { ok: false, error: 'INVALID_FLOAT', message: `${JSON.stringify(value)} was not a valid number.` };
    case 'bool': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { ok: true, value: lower }
        : { ok: false, error: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [true, false]` };
    }
    case 'enumeration':
      return checkOptions(def, value);
    case 'datetime':
    case 'date':
      return checkDatetime(value);
    default:
      return value.length <= 65_536 ? { ok: true, value } : { ok: false, error: 'INVALID_LENGTH', message: 'value is longer than 65536 characters' };
  }
}

/**
 * Validates a whole write. `lookup` returns the definition of a property name (undefined when it
 * does not exist). Returns the normalised values; throws one 400 naming every bad value.
 */
export function normaliseValues(
  input: Record<string, unknown>,
  lookup: (name: string) => SandboxProperty | undefined,
  portalId: number,
  opts: { allowReadOnly?: boolean } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const invalid: InvalidValue[] = [];
  const refuse = (name: string, error: string, message: string): void => {
    invalid.push({ isValid: false, message, error, name, localizedErrorMessage: message, portalId });
  };
  for (const [name, raw] of Object.entries(input)) {
    const def = lookup(name);
    if (!def) refuse(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
    else if (def.modificationMetadata.readOnlyValue && !opts.allowReadOnly) refuse(name, 'READ_ONLY_VALUE', `Property "${name}" is a read only property; its value cannot be set.`);
    else {
      const checked = checkValue(def, raw);
      if (checked.ok) out[name] = checked.value;
      else refuse(name, checked.error, checked.message);
    }
  }
  if (invalid.length > 0) {
    throw new SandboxError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(invalid)}`);
  }
  return out;
}
