// HubSpot sends every value as a string or null. These readers turn one into a usable value, or
// into an Invalid saying why it was ignored, or null when it is simply missing. They never throw,
// and the valid path allocates nothing: the engine reads millions of values a second.
import { DAY_MS } from './dates.ts';

/** A value that was present but unusable; `reason` completes a sentence like "amount … ". */
export class Invalid {
  /**
   * One Invalid made at load and kept for the life of the process, so that V8 keeps the hidden
   * class (map) of an Invalid. With clean data no other Invalid exists, and V8 then frees that map
   * at every full garbage collection. The optimized code of each reader that checks a parsed value
   * for an Invalid and names its reason in a note (addDeal, walletOf, the axis readers, …) holds
   * the map only weakly, so every full collection threw that code away: a portfolio pass ran
   * those readers unoptimized until V8 compiled them again (seen with --trace-deopt as "embedded
   * weak objects cleared", once a pass).
   */
  static readonly shapeHolder = new Invalid('');

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
  return n < min || n > max ? new Invalid(`${quote(raw)} is outside ${min} to ${max}`) : n;
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

/** A date as HubSpot writes it: ISO 8601 or epoch milliseconds. Returns epoch ms. */
export function parseDate(raw: unknown): Read<number> {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'string') return new Invalid(`${quote(raw)} is not a date`);
  const fast = isoUtcMs(raw);
  if (!Number.isNaN(fast)) return fast;
  const text = raw.trim();
  if (text === '') return null;
  const epoch = text.length >= 9 && text.indexOf('-') < 0 && text.indexOf(':') < 0;
  const ms = epoch ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : new Invalid(`${quote(raw)} is not a date`);
}


/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

// Days from 1970-01-01 to the first of each month of 1900–2199, and to 2200-01-01 after them: a
// close date in those years is a lookup (its month's length is the next entry less this one),
// where days_from_civil takes four floating-point divisions. Other years are computed.
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
const MONTH_STARTS = Int32Array.from({ length: TABLE_YEARS * 12 + 1 }, (_, k) => daysFromCivil(TABLE_FIRST_YEAR + Math.floor(k / 12), (k % 12) + 1, 1));

/** Days from 1970-01-01, or NaN when the day is not in the month. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const k = (year - TABLE_FIRST_YEAR) * 12 + month - 1;
  if (k >= 0 && k < TABLE_YEARS * 12) {
    const first = MONTH_STARTS[k] as number;
    return day <= (MONTH_STARTS[k + 1] as number) - first ? first + day - 1 : NaN;
  }
  return day <= daysInMonth(year, month) ? daysFromCivil(year, month, day) : NaN;
}

/** The two digits at s[i], s[i+1] as a number (0–99), or -1 when either is not a digit. */
function twoDigitsAt(s: string, i: number): number {
  const tens = s.charCodeAt(i) - 48;
  const ones = s.charCodeAt(i + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * The two forms HubSpot writes, read digit by digit: "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS[.sss]Z"
 * (both UTC). NaN for anything else, which Date.parse then reads. Date.parse is the slowest step of
 * the engine otherwise: every deal has a close date. The digits are read two at a time, by position,
 * in small integers: this runs for every deal of every pass.
 */
function isoUtcMs(s: string): number {
  const n = s.length;
  if ((n !== 10 && n !== 20 && n !== 24) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const century = twoDigitsAt(s, 0);
  const yearOfCentury = twoDigitsAt(s, 2);
  const month = twoDigitsAt(s, 5);
  const day = twoDigitsAt(s, 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return NaN;
  const days = daysSinceEpoch(century * 100 + yearOfCentury, month, day);
  if (Number.isNaN(days)) return NaN;
  let ms = 0;
  if (n > 10) {
    // T hh : mm : ss [. sss] Z
    if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90) return NaN;
    const hours = twoDigitsAt(s, 11);
    const minutes = twoDigitsAt(s, 14);
    const seconds = twoDigitsAt(s, 17);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return NaN;
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
    if (n === 24) {
      // . sss
      const hundreds = twoDigitsAt(s, 20);
      const last = s.charCodeAt(22) - 48;
      if (s.charCodeAt(19) !== 46 || hundreds < 0 || last < 0 || last > 9) return NaN;
      ms += hundreds * 10 + last;
    }
  }
  return days * DAY_MS + ms;
}

/** One of a fixed set of values (case-insensitive). */
export function parseEnum<T extends string>(raw: unknown, values: readonly T[]): Read<T> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const text = String(raw).trim().toLowerCase();
  return values.includes(text as T) ? (text as T) : new Invalid(`${quote(raw)} is not one of ${values.join(', ')}`);
}
