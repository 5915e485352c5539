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

  describe('account depth (§8–§10)', () => {
    const won = (id: string, amount: string, extra: Record<string, string> = {}) => ({
      id, properties: { amount, closedate: '2026-06-01T00:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true', ...extra },
    });
    const company: CompanyInput = {
      id: '7', parentId: '1200', properties: { name: 'Branch', annualrevenue: '9000000', kam_purchasing: 'branches', kam_relationship_stage_override: 'nonsense' },
      contacts: [
        { id: 'c1', properties: { hs_buying_role: 'decision_maker; CHAMPION' } },
        { id: 'c2', properties: { hs_buying_role: 'CHAMPION;OTHER' } },
        { id: 'c3', properties: { hs_buying_role: null } },
      ],
      deals: [
        { ...won('d1', '1000', { amount_in_home_currency: '1100' }), lineItems: [
          { id: 'l1', properties: { name: 'Seat', amount: '600' }, product: { id: 'p1', properties: { name: 'Seat licence', kam_product_line: ' Licences ' } } },
          { id: 'l2', properties: { name: 'Setup', quantity: '2', price: '200.5' }, product: null },
          { id: 'l3', properties: { name: 'Broken', amount: 'lots' }, product: { id: 'p2', properties: { name: 'Service' } } },
          { id: 'l4', properties: {}, product: null },
        ] },
        { ...won('d2', '500'), lineItems: [] },
        won('d3', '250'),
      ],
    };

    it('when a company with a parent, contacts and line items is stored, then its groups, lines, roles and notes read back the same', () => {
      const back = roundTrip(company);
      expect(back.parentId).toBe('1200');
      expect(score(back)).toEqual(score(company));
      expect(score(back).wonByLine).toEqual({ Licences: 660, Setup: 441.1, unassigned: 750 });
      expect(score(back).relationship.roles).toEqual(['CHAMPION', 'DECISION_MAKER', 'OTHER']);
    });

    it('when contacts were read and none holds a role, then the roles read back as known and empty; unread ones stay unknown', () => {
      expect(score(roundTrip({ ...company, contacts: [] })).relationship).toEqual(score({ ...company, contacts: [] }).relationship);
      expect(roundTrip({ ...company, contacts: [] }).contacts).toEqual([]);
      expect(roundTrip({ ...company, contacts: undefined }).contacts).toBeUndefined();
    });

    it('when a deal\'s line items were not read, then they read back as not read (not as none)', () => {
      const back = roundTrip(company).deals!;
      expect(back[1]!.lineItems).toEqual([]);
      expect(back[2]!.lineItems).toBeUndefined();
    });

    it('when account depth is stored, then it adds under a third of the bytes of the records it summarises', () => {
      const bare: CompanyInput = { ...company, parentId: undefined, contacts: undefined, deals: company.deals!.map(({ lineItems: _, ...d }) => d) };
      const records = JSON.stringify([company.parentId, company.contacts, company.deals!.map((d) => d.lineItems)]).length;
      expect((encodeInputs(company).length - encodeInputs(bare).length) / records).toBeLessThan(1 / 3);
    });
  });
});
