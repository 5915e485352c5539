// HubSpot sends every value as a string or null. These readers turn one into a usable value or
// say why it was ignored; they never throw, whatever the input.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string | null };

const missing = <T>(): Parsed<T> => ({ ok: false, reason: null });
const invalid = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Quotes a raw value for the explanation, short enough to read. */
export function quote(raw: unknown): string {
  const text = String(raw);
  return `'${text.length > 24 ? `${text.slice(0, 21)}...` : text}'`;
}

/** A finite number, or missing (null, empty) or invalid (text, NaN, Infinity). */
export function parseNumber(raw: string | null | undefined): Parsed<number> {
  if (raw === null || raw === undefined) return missing();
  if (typeof raw !== 'string') return invalid(`${quote(raw)} is not a number`);
  const text = raw.trim();
  if (text === '') return missing();
  const value = Number(text);
  if (!Number.isFinite(value)) return invalid(`${quote(raw)} is not a number`);
  return { ok: true, value };
}

/** A money amount: finite, not negative, not absurd (> 1e12). */
export function parseMoney(raw: string | null | undefined): Parsed<number> {
  const n = parseNumber(raw);
  if (!n.ok) return n;
  if (n.value < 0) return invalid(`${quote(raw)} is negative`);
  if (n.value > 1e12) return invalid(`${quote(raw)} is implausibly large`);
  return n;
}

/** A number within [min, max]. */
export function parseInRange(raw: string | null | undefined, min: number, max: number): Parsed<number> {
  const n = parseNumber(raw);
  if (!n.ok) return n;
  if (n.value < min || n.value > max) return invalid(`${quote(raw)} is outside ${min}–${max}`);
  return n;
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE = new Set(['false', '0', 'no', 'n', 'off']);

/** HubSpot booleans are "true"/"false"; a few common spellings are accepted too. */
export function parseBool(raw: string | null | undefined): Parsed<boolean> {
  if (raw === null || raw === undefined) return missing();
  if (typeof raw !== 'string') return invalid(`${quote(raw)} is not yes or no`);
  const text = raw.trim().toLowerCase();
  if (text === '') return missing();
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return invalid(`${quote(raw)} is not yes or no`);
}

/** A date as HubSpot writes it: ISO 8601 or epoch milliseconds. Returns epoch ms. */
export function parseDate(raw: string | null | undefined): Parsed<number> {
  if (raw === null || raw === undefined) return missing();
  if (typeof raw !== 'string') return invalid(`${quote(raw)} is not a date`);
  const text = raw.trim();
  if (text === '') return missing();
  const ms = /^\d{9,}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return invalid(`${quote(raw)} is not a date`);
  return { ok: true, value: ms };
}

/** One of a fixed set of values (case-insensitive). */
export function parseEnum<T extends string>(raw: string | null | undefined, values: readonly T[]): Parsed<T> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return missing();
  const text = String(raw).trim().toLowerCase();
  const found = values.find((v) => v === text);
  return found ? { ok: true, value: found } : invalid(`${quote(raw)} is not one of ${values.join(', ')}`);
}
