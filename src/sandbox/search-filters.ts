// HubSpot search filter semantics over stored string values: numbers and datetimes compare as
// numbers (a datetime filter value is epoch ms or ISO), strings compare case-insensitively, and a
// record without the property matches only NEQ, NOT_IN and NOT_HAS_PROPERTY.
import type { Filter } from './request-schemas.ts';
import type { SandboxProperty } from './standard-properties.ts';

type Comparable = number | string;

function comparable(def: SandboxProperty, raw: string): Comparable {
  if (def.type === 'number') return Number(raw);
  if (def.type === 'datetime' || def.type === 'date') return /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return raw.toLowerCase();
}

export function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function containsToken(stored: string, token: string): boolean {
  const t = token.toLowerCase();
  const words = stored.toLowerCase().split(/[^\p{L}\p{N}_@.-]+/u);
  if (t.includes('*')) {
    const re = new RegExp(`^${t.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return words.some((w) => re.test(w)) || re.test(stored.toLowerCase());
  }
  return words.includes(t);
}

/** Whether one stored value (undefined = not set) passes one filter. */
export function matchesFilter(def: SandboxProperty, stored: string | undefined, f: Filter): boolean {
  const has = stored !== undefined && stored !== '';
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'NEQ':
    case 'NOT_IN':
    case 'NOT_CONTAINS_TOKEN':
      return !has || !positive(def, stored, f);
    default:
      return has && positive(def, stored, f);
  }
}

function positive(def: SandboxProperty, stored: string, f: Filter): boolean {
  const v = comparable(def, stored);
  const against = (raw: string | undefined): number => compareValues(v, comparable(def, raw ?? ''));
  switch (f.operator) {
    case 'EQ':
    case 'NEQ':
      return against(f.value) === 0;
    case 'LT':
      return against(f.value) < 0;
    case 'LTE':
      return against(f.value) <= 0;
    case 'GT':
      return against(f.value) > 0;
    case 'GTE':
      return against(f.value) >= 0;
    case 'BETWEEN':
      return against(f.value) >= 0 && against(f.highValue) <= 0;
    case 'IN':
    case 'NOT_IN':
      return (f.values ?? []).some((x) => against(x) === 0);
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN':
      return containsToken(stored, f.value ?? '');
    default:
      return false;
  }
}

/** Sort key of a stored value for ordering results. */
export function sortKey(def: SandboxProperty, stored: string | undefined): Comparable | undefined {
  return stored === undefined || stored === '' ? undefined : comparable(def, stored);
}
