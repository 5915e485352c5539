import { describe, expect, it } from 'vitest';
import { PortfolioFileError } from '../../src/portfolio-files/portfolio-file-error.ts';
import { readPortfolioJson } from '../../src/portfolio-files/read-portfolio-json.ts';

const read = (value: unknown) => readPortfolioJson(typeof value === 'string' ? value : JSON.stringify(value), 'p.json');

describe('readPortfolioJson', () => {
  it("when the file is in HubSpot's API shape, then companies and deals pass through unchanged", () => {
    const company = { id: '101', properties: { name: 'Acme', annualrevenue: '50000000', industry: null }, deals: [{ id: '9001', properties: { amount: '300000', hs_is_closed_won: 'true' } }] };
    const loaded = read({ asOf: '2026-11-22', companies: [company] });
    expect(loaded.asOf).toBe('2026-11-22');
    expect(loaded.companies).toEqual([company]);
    expect(loaded.rowNotes.size).toBe(0);
  });

  it('when asOf is a full timestamp or absent, then the day or null is kept', () => {
    expect(read({ asOf: '2026-11-22T10:00:00Z', companies: [] }).asOf).toBe('2026-11-22');
    expect(read({ companies: [] }).asOf).toBeNull();
    expect(read([{ id: '1', properties: {} }]).companies).toHaveLength(1);
  });

  it('when a hand-written file uses numbers and booleans, then they become the strings HubSpot would send', () => {
    const loaded = read({ companies: [{ id: 7, properties: { annualrevenue: 5000, kam_strategic: true } }] });
    expect(loaded.companies[0]).toEqual({ id: '7', properties: { annualrevenue: '5000', kam_strategic: 'true' }, deals: [] });
  });

  it('when records are malformed, then each is kept, scored as far as it goes, and its notes say what was dropped', () => {
    const loaded = read({
      companies: [
        { properties: { name: 'No id' } },
        { id: '2', properties: { name: ['A', 'B'], industry: { x: 1 } }, deals: 'none' },
        { id: '3', properties: 'broken', deals: [{ properties: { amount: '5' } }, 42] },
        'not a company',
      ],
    });
    expect(loaded.companies.map((c) => c.id)).toEqual(['row-1', '2', '3', 'row-4']);
    expect(loaded.rowNotes.get('row-1')).toEqual(['a record without an id was read as row-1']);
    expect(loaded.rowNotes.get('2')).toEqual(['2: name is not a value (a list); ignored', '2: industry is not a value (object); ignored', '"deals" is not a list; scored without deals']);
    expect(loaded.companies[2]?.deals?.map((d) => d.id)).toEqual(['3-deal-1', '3-deal-2']);
    expect(loaded.rowNotes.get('3')).toEqual([
      '3: "properties" is not an object; ignored', 'a record without an id was read as 3-deal-1', '3-deal-2 is not an object; scored as empty',
    ]);
    expect(loaded.rowNotes.get('row-4')).toEqual(['row-4 is not an object; scored as empty']);
  });

  it('when two companies share an id, then both are scored and the second is renamed and flagged', () => {
    const loaded = read({ companies: [{ id: '1', properties: {} }, { id: '1', properties: {} }] });
    expect(loaded.companies.map((c) => c.id)).toEqual(['1', '1~2']);
    expect(loaded.rowNotes.get('1~2')).toEqual(['duplicate company id 1 (p.json companies[1]); scored separately as 1~2']);
  });

  it('when the file is not JSON or not a portfolio, then it is refused with a message naming the file', () => {
    expect(() => read('{"companies": [')).toThrow(PortfolioFileError);
    expect(() => read('{"companies": [')).toThrow(/^p\.json is not valid JSON/);
    expect(() => read({ companies: 'all of them' })).toThrow(/p\.json is not a portfolio .*companies/);
    expect(() => read({ asOf: 'yesterday', companies: [] })).toThrow(/asOf: must be a date/);
  });
});
