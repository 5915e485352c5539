// HubSpot sends every value as a string or null. These readers turn one into a usable value, or
// into an Invalid saying why it was ignored, or null when it is simply missing. They never throw,
// and the valid path allocates nothing: the engine reads millions of values a second.

/** A value that was present but unusable; `reason` completes a sentence like "amount … ". */
export class Invalid {
  constructor(readonly reason: string) {}
}

export type Read<T> = T | Invalid | null;

/** Quotes a raw value for the explanation, short enough to read. */
export function quote(raw: unknown): string {
  const text = String(raw);
  return `'${text.length > 24 ? `${text.slice(0, 21)}...` : text}'`;
}

/** A finite number, or missing (null, empty) or invalid (text, NaN, Infinity). */
export function parseNumber(raw: unknown): Read<number> {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'string') return new Invalid(`${quote(raw)} is not a number`);
  // Number() trims white space and reads "" and "  " as 0: only a zero needs a second look.
  const value = Number(raw);
  if (value !== 0 && Number.isFinite(value)) return value;
  if (raw.trim() === '') return null;
  return value === 0 ? 0 : new Invalid(`${quote(raw)} is not a number`);
}

/** A money amount: finite, not negative, not absurd (> 1e12). */
export function parseMoney(raw: unknown): Read<number> {
  const n = parseNumber(raw);
  if (typeof n !== 'number') return n;
  if (n < 0) return new Invalid(`${quote(raw)} is negative`);
  if (n > 1e12) return new Invalid(`${quote(raw)} is implausibly large`);
  return n;
}

/** A number within [min, max]. */
export function parseInRange(raw: unknown, min: number, max: number): Read<number> {
  const n = parseNumber(raw);
  if (typeof n !== 'number') return n;
  return n < min || n > max ? new Invalid(`${quote(raw)} is outside ${min}–${max}`) : n;
}

/** HubSpot booleans are "true"/"false"; a few common spellings are accepted too. */
export function parseBool(raw: unknown): Read<boolean> {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'string') return new Invalid(`${quote(raw)} is not yes or no`);
  switch (raw.trim().toLowerCase()) {
    case 'true': case '1': case 'yes': case 'y': case 'on': return true;
    case 'false': case '0': case 'no': case 'n': case 'off': return false;
    case '': return null;
    default: return new Invalid(`${quote(raw)} is not yes or no`);
  }
}

// Close dates repeat across deals (one per day at most); parsing each once is a large share of the
// engine's time. A bounded memo of a pure function, emptied when full.
const dateMemo = new Map<string, number>();
const DATE_MEMO_SIZE = 20_000;

/** A date as HubSpot writes it: ISO 8601 or epoch milliseconds. Returns epoch ms. */
export function parseDate(raw: unknown): Read<number> {
  if (typeof raw === 'string') {
    const known = dateMemo.get(raw);
    if (known !== undefined) return known;
    const parsed = parseDateUncached(raw);
    if (typeof parsed === 'number') {
      if (dateMemo.size >= DATE_MEMO_SIZE) dateMemo.clear();
      dateMemo.set(raw, parsed);
    }
    return parsed;
  }
  return parseDateUncached(raw);
}

function parseDateUncached(raw: unknown): Read<number> {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'string') return new Invalid(`${quote(raw)} is not a date`);
  const text = raw.trim();
  if (text === '') return null;
  const epoch = text.length >= 9 && text.indexOf('-') < 0 && text.indexOf(':') < 0;
  const ms = epoch ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : new Invalid(`${quote(raw)} is not a date`);
}

/** One of a fixed set of values (case-insensitive). */
export function parseEnum<T extends string>(raw: unknown, values: readonly T[]): Read<T> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const text = String(raw).trim().toLowerCase();
  const found = values.find((v) => v === text);
  return found ?? new Invalid(`${quote(raw)} is not one of ${values.join(', ')}`);
}
