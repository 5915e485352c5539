import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, scoreCompany, withProfitTarget, type CompanyInput } from '../../src/model/index.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';
import { decodeInputs, encodeInputs, inflateInputs } from '../../src/store/compact-inputs.ts';

const AS_OF = new Date('2026-11-22T12:00:00Z');
const score = (c: CompanyInput) => scoreCompany(c, withProfitTarget(DEFAULT_SETTINGS, 100_000), AS_OF);
// The positional JSON inside a stored record (what the previous version stored as is).
const inflatedJson = (bytes: Buffer): string => {
  const json = inflateInputs(bytes);
  if (json === null) throw new Error('unreadable');
  return json;
};
const roundTrip = (c: CompanyInput): CompanyInput => decodeInputs(c.id, encodeInputs(c))!;

describe('compact inputs', () => {
  it('when generated companies (a fifth with malformed values) are stored and read back, then every figure and explanation is the same', () => {
    for (const company of generatePortfolio({ count: 500, asOf: AS_OF, seed: 3, malformedRate: 0.2 })) {
      expect(score(roundTrip(company))).toEqual(score(company));
    }
  });

  it('when any string is a value, then it reads back as a value the model parses the same way', () => {
    const value = fc.option(fc.oneof(fc.string(), fc.constantFrom('true', 'false', '~x', '~~', '12', '1e5', '-0', '0.50', '2026-01-31T10:00:00Z', '2026-01-31T10:00:00.123Z', '2026-01-31')), { nil: null });
    fc.assert(fc.property(value, value, value, value, (amount, closedate, won, margin) => {
      const company: CompanyInput = {
        id: '1', properties: { name: 'A', annualrevenue: amount },
        deals: [{ id: '9', properties: { amount, closedate, hs_is_closed_won: won, hs_is_closed: won, kam_gross_margin_pct: margin, hs_deal_stage_probability: margin } }],
      };
      expect(score(roundTrip(company))).toEqual(score(company));
    }));
  });

  it('when a company is stored, then it takes under a third of the bytes of its named record', () => {
    let compact = 0, named = 0;
    for (const company of generatePortfolio({ count: 200, asOf: AS_OF, seed: 5, malformedRate: 0.05 })) {
      compact += encodeInputs(company).length;
      named += JSON.stringify(company).length;
    }
    expect(compact / named).toBeLessThan(1 / 3);
  });

  it('when a record was written by the previous version (named properties), then it still reads back', () => {
    const old = { id: '1', properties: { name: 'A', annualrevenue: '100' }, deals: [{ id: '9', properties: { amount: '5' } }] };
    expect(decodeInputs('1', JSON.stringify(old))).toEqual(old);
  });

  it('when a deal id is any string, then it reads back as the same string', () => {
    const id = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('0', '007', '10010', '123456789012345', '1234567890123456', '1e3', '-5'));
    fc.assert(fc.property(id, (dealId) => {
      const company: CompanyInput = { id: '1', properties: { name: 'A' }, deals: [{ id: dealId, properties: { amount: '5' } }] };
      expect(roundTrip(company).deals?.[0]?.id).toBe(dealId);
    }));
  });

  it('when a record was written by the previous version (positional JSON, not deflated), then it scores the same', () => {
    for (const company of generatePortfolio({ count: 100, asOf: AS_OF, seed: 7, malformedRate: 0.2 })) {
      const positional = inflatedJson(encodeInputs(company));
      expect(positional.startsWith('[')).toBe(true);
      expect(score(decodeInputs(company.id, positional)!)).toEqual(score(company));
    }
  });

  it('when a stored record is deflated, then it takes fewer bytes than its positional JSON', () => {
    let deflated = 0, positional = 0;
    for (const company of generatePortfolio({ count: 200, asOf: AS_OF, seed: 5, malformedRate: 0.05 })) {
      const bytes = encodeInputs(company);
      deflated += bytes.length;
      positional += Buffer.byteLength(inflatedJson(bytes));
    }
    expect(deflated / positional).toBeLessThan(0.7);
  });

  it('when a deflated record is damaged, then it reads as absent (the flush reads HubSpot again)', () => {
    const bytes = encodeInputs({ id: '1', properties: { name: 'A' }, deals: [] });
    expect(decodeInputs('1', Buffer.concat([bytes.subarray(0, 5), Buffer.from([0xff, 0xff, 0xff])]))).toBeNull();
  });

  it('when a deflated record carries another layout, then it reads as absent before anything is inflated', () => {
    const bytes = Buffer.from(encodeInputs({ id: '1', properties: { name: 'A' }, deals: [] }));
    bytes[1] = bytes[1]! ^ 0xff;
    expect(decodeInputs('1', bytes)).toBeNull();
  });

  it('when a record was written under other property lists, then it reads as absent (the flush reads HubSpot again)', () => {
    expect(decodeInputs('1', JSON.stringify(['other', ['A']]))).toBeNull();
  });
});
