// Turns what a HubSpot CSV export shows into what HubSpot's API returns, so the model sees one
// shape whatever the source. A value that cannot be understood is passed on unchanged: the model
// then ignores it and names it in the explanation, instead of the reader guessing.

/** Empty cells are absent values, as the API's null. */
export function normaliseText(raw: string): string | null {
  const value = raw.trim();
  return value === '' ? null : value;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'ja', 'oui', 'sí', 'si', 'wahr']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'nein', 'non', 'falsch']);

/** Exports show checkboxes as Yes/No or true/false; the API says "true"/"false". */
export function normaliseBoolean(raw: string): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  const lower = value.toLowerCase();
  if (TRUE_WORDS.has(lower)) return 'true';
  if (FALSE_WORDS.has(lower)) return 'false';
  return value;
}

const CURRENCY = /^[\s$€£¥₹]*|[\s$€£¥₹]*$|\s*(USD|EUR|GBP|CHF|JPY|CAD|AUD)\s*$/gi;
const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * Numbers as the API writes them: no currency sign, no thousands separator. Only an unambiguous
 * "1,234,567.89" loses its commas; "1,5" stays as it is (a decimal comma the model will flag).
 */
export function normaliseNumber(raw: string): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  const bare = value.replace(CURRENCY, '').replace(/\u00a0/g, '');
  const plain = THOUSANDS.test(bare) ? bare.replaceAll(',', '') : bare;
  return plain !== '' && Number.isFinite(Number(plain)) ? plain : value;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const EPOCH_MS = /^\d{12,14}$/;

/**
 * Dates as ISO 8601. Exports show "2026-03-01" or "2026-03-01 16:00" in the portal's time zone,
 * which the file does not say; it is read as UTC, at worst a few hours off a whole-day window.
 */
export function normaliseDate(raw: string): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) return validIso(`${value}T00:00:00Z`, value);
  const dateTime = DATE_TIME.exec(value);
  if (dateTime) {
    const [, y, mo, d, h, mi, s] = dateTime;
    return validIso(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}Z`, value);
  }
  if (EPOCH_MS.test(value)) return new Date(Number(value)).toISOString();
  return value;
}

function validIso(iso: string, original: string): string {
  const date = new Date(iso);
  // Date rolls 2026-02-31 over to March; a date that changes on the way back is not a date.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso.slice(0, 10) ? original : iso.replace('.000Z', 'Z');
}

/** True when a probability column is written in percent ("20%", or any value above 1). */
export function probabilityColumnIsPercent(values: Iterable<string>): boolean {
  for (const raw of values) {
    const value = raw.trim();
    if (value.endsWith('%')) return true;
    const n = Number(value);
    if (value !== '' && Number.isFinite(n) && n > 1) return true;
  }
  return false;
}

/**
 * Probability as the API's fraction 0–1. The unit is decided per column, not per value: in a
 * column written in percent, "1" means 1 %, not certainty.
 */
export function normaliseProbability(raw: string, columnIsPercent: boolean): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  const number = Number(value.replace(/\s*%$/, ''));
  if (!Number.isFinite(number)) return value;
  return String(columnIsPercent ? Math.round(number * 1e6) / 1e8 : number);
}

/** Industry as HubSpot's internal value: "Hospital & Health Care" → "HOSPITAL_HEALTH_CARE". */
export function normaliseIndustry(raw: string): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  return value.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || value;
}

/** Enumerations exported by label ("Dedicated") as their value ("dedicated"). */
export function normaliseOption(raw: string, options: readonly { value: string; label: string }[]): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  const lower = value.toLowerCase();
  return options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value ?? value;
}

/** "https://www.Acme.com/about" → "acme.com": how a company domain is compared. */
export function normaliseDomain(raw: string): string | null {
  const value = normaliseText(raw);
  if (value === null) return null;
  const host = value.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#]/, 1)[0]!.replace(/:\d+$/, '').replace(/^www\./, '').replace(/\.$/, '');
  return host || value;
}
