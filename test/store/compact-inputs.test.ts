import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, scoreCompany, type CompanyInput } from '../../src/model/index.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';
import { decodeInputs, encodeInputs } from '../../src/store/compact-inputs.ts';

const AS_OF = new Date('2026-11-22T12:00:00Z');
const score = (c: CompanyInput) => scoreCompany(c, DEFAULT_SETTINGS, AS_OF);
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

  it('when a record was written under other property lists, then it reads as absent (the flush reads HubSpot again)', () => {
    expect(decodeInputs('1', JSON.stringify(['other', ['A']]))).toBeNull();
  });
});
