import { describe, expect, it } from 'vitest';
import { Invalid, parseDate } from '../../src/model/parse-values.ts';

describe('parseDate', () => {
  it.each([
    ['2026-11-22', Date.UTC(2026, 10, 22)],
    ['2026-11-22T16:00:00Z', Date.UTC(2026, 10, 22, 16)],
    ['2026-11-22T23:59:59.999Z', Date.UTC(2026, 10, 22, 23, 59, 59, 999)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59Z', -1000],
    ['0001-01-01', Date.UTC(2001, 0, 1) - 2000 * 365.2425 * 86_400_000],
    ['1732233600000', 1_732_233_600_000],
  ])('%s', (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });

  it('reads what is not one of HubSpot’s two forms as Date.parse does', () => {
    for (const text of ['2026-11-22T16:00:00+02:00', '2026-11-22T16:00Z', '2026-11-22T24:00:00Z', '2023-02-29', '2026-11-31', ' 2026-11-22 ', '2026-11-22T16:00:00.5Z']) {
      const expected = Date.parse(text.trim());
      const parsed = parseDate(text);
      if (Number.isFinite(expected)) expect(parsed).toBe(expected);
      else expect(parsed).toBeInstanceOf(Invalid);
    }
  });

  it('agrees with Date.parse across four centuries, with and without a time', () => {
    let checked = 0;
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2300, 0, 1); ms += 3 * 86_400_000 + 3_723_001) {
      const iso = new Date(ms).toISOString();
      expect(parseDate(iso)).toBe(Date.parse(iso));
      expect(parseDate(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Date.parse(iso.replace(/\.\d{3}Z$/, 'Z')));
      expect(parseDate(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(48_000);
  });

  it('refuses what is no date, and treats empty as missing', () => {
    expect(parseDate('2026-13-01')).toBeInstanceOf(Invalid);
    expect(parseDate('yesterday')).toBeInstanceOf(Invalid);
    expect(parseDate('2026-1a-22')).toBeInstanceOf(Invalid);
    expect(parseDate('')).toBeNull();
    expect(parseDate('   ')).toBeNull();
    expect(parseDate(null)).toBeNull();
  });
});
