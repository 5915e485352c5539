// Number formatting for explanations and summaries: fixed, locale-free (and fast: Intl is slow
// at 200,000 companies a second).

/** 1234567.8 → "1,234,568" */
export function money(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '−' : '';
  const digits = String(Math.abs(rounded));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return sign + out;
}

/** 0.153 → "15.3 %" (a fraction in, one decimal out, trailing .0 dropped) */
export function percent(fraction: number): string {
  return `${oneDecimal(fraction * 100)} %`;
}

export function oneDecimal(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}
