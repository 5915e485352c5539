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

/** 1234567.8 → "1,234,568" */
export function money(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '−' : '';
  let n = Math.abs(rounded);
  if (!Number.isSafeInteger(n)) return sign + groupDigits(String(n));
  let out = '';
  while (n >= 1000) {
    const group = n % 1000;
    out = (group >= 100 ? ',' : group >= 10 ? ',0' : ',00') + group + out;
    n = (n - group) / 1000;
  }
  return sign + n + out;
}

/** 0.153 → "15.3 %" (a fraction in, one decimal out, trailing .0 dropped) */
export function percent(fraction: number): string {
  return `${oneDecimal(fraction * 100)} %`;
}

/** 4.25 → "4.3", 4.0 → "4", −0.46 → "-0.5" */
export function oneDecimal(value: number): string {
  const tenths = Math.round(value * 10);
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
