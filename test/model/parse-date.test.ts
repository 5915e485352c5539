import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Invalid, parseDate, type Read } from '../../src/model/parse-values.ts';

/** parseDate without its digit-by-digit fast path: Date.parse (or epoch ms) for every text. The reference. */
function referenceParseDate(raw: string): Read<number> {
  if (raw === '') return null;
  const text = raw.trim();
  if (text === '') return null;
  const epoch = text.length >= 9 && text.indexOf('-') < 0 && text.indexOf(':') < 0;
  const ms = epoch ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : new Invalid('not a date');
}

function expectSameAsReference(text: string): void {
  const fast = parseDate(text);
  const reference = referenceParseDate(text);
  if (typeof reference === 'number') expect(fast, text).toBe(reference);
  else if (reference === null) expect(fast, text).toBeNull();
  else expect(fast, text).toBeInstanceOf(Invalid);
}

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

  it('when a text is near one of the two forms (offsets, other fractions, lower case, bad fields), then it reads as Date.parse does', () => {
    for (const text of [
      '2026-11-22T16:00:00-05:00', '2026-11-22T16:00:00+00:00', '2026-11-22T16:00:00.123456Z', '2026-11-22T16:00:00.12Z', '2026-11-22T16:00:00.1234Z',
      '2026-11-22t16:00:00z', '2026-11-22 16:00:00Z', '2026-11-22T16:00:00', '2026-11-22T16:00:00.000', '+002026-11-22', '-000001-01-01T00:00:00Z',
      '2026-11-22T16:60:00Z', '2026-11-22T16:00:60Z', '2026-11-22T23:59:59.999Z', '2026-11-22T16:00:00.abcZ', '2026-00-10', '2026-11-00', '2026-1-22',
      '0000-01-01', '0000-02-29', '1900-02-29', '9999-12-31T23:59:59.999Z', 'abcd-11-22', '2026-11-22X16:00:00Z', '2026/11/22', '2026-11-22T16:00:00ZZ',
      '\uff12\uff10\uff12\uff16-11-22', '2026-11-22T1 :00:00Z', ' 2026-11-22T16:00:00Z', '2026-11-22T16:00:00Z ',
      // The edges of the years read from a table of month starts (1900–2199), and leap days around them.
      '1899-12-31T23:59:59.999Z', '1900-01-01', '1900-02-28', '2000-02-29', '2100-02-29', '2199-12-31T23:59:59.999Z', '2199-12-32', '2200-01-01', '2200-02-29',
      '2400-02-29', '1600-02-29', '1899-02-29',
    ]) {
      expectSameAsReference(text);
    }
  });

  it('when one character of a valid date or date-time is replaced by anything, then it reads as Date.parse does', () => {
    const valid = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).chain((d) => {
      const iso = d.toISOString();
      return fc.constantFrom(iso, iso.replace(/\.\d{3}Z$/, 'Z'), iso.slice(0, 10));
    });
    const replaced = fc
      .tuple(valid, fc.nat(), fc.constantFrom(...'0123456789-:.TZtz +/Xa'.split('')))
      .map(([text, at, c]) => `${text.slice(0, at % text.length)}${c}${text.slice((at % text.length) + 1)}`);
    fc.assert(fc.property(replaced, (text) => expectSameAsReference(text)), { numRuns: 20_000 });
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
