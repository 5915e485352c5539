// Number formatting for explanations and summaries: fixed, locale-free, and cheap (Intl and
// toFixed are slow at 200,000 companies a second; integer arithmetic is not).

/** Digits of a non-negative integer with a comma every three: the general (slow) path. */
function groupDigits(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** ",000" … ",999": a group of three digits after the first, looked up rather than padded. */
const GROUPS = Array.from({ length: 1000 }, (_, g) => `,${String(g).padStart(3, '0')}`);

/**
 * The one money format (scoring-model.md §11): whole units, a comma every three digits, and the
 * portal's currency code after the amount where known. 1234567.8 → "1,234,568"; with "EUR",
 * "1,234,568 EUR"; −2160 → "-2,160" (an ASCII hyphen, as HubSpot shows negative numbers).
 */
export function money(value: number, currency?: string | null): string {
  return currency ? `${amount(value)} ${currency}` : amount(value);
}

function amount(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '-' : '';
  let n = Math.abs(rounded);
  if (!Number.isSafeInteger(n)) return sign + groupDigits(String(n));
  let out = '';
  while (n >= 1000) {
    const group = n % 1000;
    out = (GROUPS[group] as string) + out;
    n = (n - group) / 1000;
  }
  return sign + n + out;
}

/** A number rounded to `digits` decimals, with -0 written as 0 (a figure, not a text). */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** 0.153 → "15.3 %" (a fraction in, one decimal out, trailing .0 dropped) */
export function percent(fraction: number): string {
  return `${oneDecimal(fraction * 100)} %`;
}

// The values an explanation shows with one decimal are mostly 1–10 scores and 0–100 percentages:
// their texts are looked up.
const TENTHS_TABLE = 10_000;
const TENTHS = Array.from({ length: TENTHS_TABLE + 1 }, (_, t) => (t % 10 === 0 ? String(t / 10) : `${(t - (t % 10)) / 10}.${t % 10}`));

/** 4.25 → "4.3", 4.0 → "4", −0.46 → "-0.5" */
export function oneDecimal(value: number): string {
  const tenths = Math.round(value * 10);
  if (tenths >= 0 && tenths <= TENTHS_TABLE) return TENTHS[tenths] as string;
  // Beyond 1e12 tenths (and for NaN, ±Infinity) toFixed's rounding is the reference.
  if (!(tenths > -1e12 && tenths < 1e12)) {
    const r = tenths / 10;
    return Number.isInteger(r) ? String(r) : r.toFixed(1);
  }
  const abs = tenths < 0 ? -tenths : tenths;
  const decimal = abs % 10;
  if (decimal === 0) return String(tenths / 10);
  return `${tenths < 0 ? '-' : ''}${(abs - decimal) / 10}.${decimal}`;
}

/** "a", "a or b", "a, b or c": a list of alternatives in a sentence. */
export function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
