import { describe, expect, it } from 'vitest';
import { PortfolioFileError } from '../../src/portfolio-files/portfolio-file-error.ts';
import { readPortfolioCsv } from '../../src/portfolio-files/read-portfolio-csv.ts';

const read = (companies: string, deals: string) =>
  readPortfolioCsv({ text: companies, source: 'companies.csv' }, { text: deals, source: 'deals.csv' });

const LABEL_COMPANIES = [
  'Record ID,Company name,Annual Revenue,Industry,Company owner,Category spend (wallet),Strategic account,Coverage model,Create Date',
  '101,Acme GmbH,"50,000,000",Hospital & Health Care,Anna Becker,2000000,Yes,Dedicated,2024-01-05 10:00',
  '102,Globex AG,,,,,No,,',
].join('\n');
const LABEL_DEALS = [
  'Record ID,Deal Name,Deal Stage,Amount,Amount in company currency,Close Date,Is Closed Won,Is closed,Deal probability,Gross margin (%),Associated Company IDs (Primary),Associated Company IDs',
  '9001,Big one,Closed Won,300000,,2026-03-01 16:00,true,true,100,35,101,101',
  '9002,Pipe,Qualified To Buy,100000,110000,2027-01-15,false,false,40,,101,101;102',
].join('\n');

describe('readPortfolioCsv', () => {
  it("when columns carry HubSpot's default labels, then companies and deals come out in API shape", () => {
    const loaded = read(LABEL_COMPANIES, LABEL_DEALS);
    const [acme, globex] = loaded.companies;
    expect(acme?.id).toBe('101');
    expect(acme?.properties).toMatchObject({
      name: 'Acme GmbH', annualrevenue: '50000000', industry: 'HOSPITAL_HEALTH_CARE', hubspot_owner_id: 'Anna Becker',
      kam_category_spend: '2000000', kam_strategic: 'true', kam_coverage: 'dedicated',
    });
    expect(globex?.properties).toMatchObject({ annualrevenue: null, kam_strategic: 'false', kam_coverage: null });
    expect(acme?.deals?.map((d) => d.properties)).toEqual([
      expect.objectContaining({ amount: '300000', closedate: '2026-03-01T16:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true', hs_deal_stage_probability: '1', kam_gross_margin_pct: '35' }),
      expect.objectContaining({ amount: '100000', amount_in_home_currency: '110000', closedate: '2027-01-15T00:00:00Z', hs_is_closed: 'false', hs_deal_stage_probability: '0.4' }),
    ]);
    expect(loaded.fileNotes).toEqual([]);
  });

  it('when a deal is associated with two companies, then it counts for both, as in HubSpot', () => {
    const loaded = read(LABEL_COMPANIES, LABEL_DEALS);
    expect(loaded.companies[1]?.deals?.map((d) => d.id)).toEqual(['9002']);
  });

  it('when columns carry internal names and the file uses semicolons and a BOM, then it reads the same', () => {
    const companies = '\uFEFFhs_object_id;name;annualrevenue\n7;Initech;1000000\n';
    const deals = 'hs_object_id;amount;closedate;hs_is_closed_won;hs_is_closed;hs_deal_stage_probability;Associated Company IDs\n70;5000;2026-05-01;true;true;1;7\n';
    const loaded = read(companies, deals);
    expect(loaded.companies[0]?.properties).toMatchObject({ name: 'Initech', annualrevenue: '1000000' });
    expect(loaded.companies[0]?.deals?.[0]?.properties).toMatchObject({ amount: '5000', hs_is_closed_won: 'true', hs_deal_stage_probability: '1' });
  });

  it('when an export has no "Is Closed Won" column, then the default closed stages say won or lost', () => {
    const deals = 'Record ID,Deal Stage,Amount,Associated Company IDs\n1,Closed Won,10,101\n2,closedlost,10,101\n3,Contract Sent,10,101\n';
    const props = read(LABEL_COMPANIES, deals).companies[0]?.deals?.map((d) => [d.properties.hs_is_closed_won, d.properties.hs_is_closed]);
    expect(props).toEqual([['true', 'true'], ['false', 'true'], [undefined, undefined]]);
  });

  it('when deals name no company or an unknown one, then they are counted and named in the file notes', () => {
    const deals = 'Record ID,Amount,Associated Company IDs\n1,10,\n2,10,999\n3,10,999;101\n';
    const loaded = read(LABEL_COMPANIES, deals);
    expect(loaded.companies[0]?.deals?.map((d) => d.id)).toEqual(['3']);
    expect(loaded.fileNotes).toEqual([
      '1 deal(s) in deals.csv have no associated company and count for none (line 2)',
      '2 deal(s) name 1 company id(s) missing from companies.csv (999)',
    ]);
  });

  it('when a company id repeats or is missing, then every row is still scored and the row says why', () => {
    const companies = 'Record ID,Company name\n5,First\n5,Second\n,Nameless\n';
    const loaded = read(companies, 'Record ID,Associated Company IDs\n1,5\n');
    expect(loaded.companies.map((c) => c.id)).toEqual(['5', '5~2', 'line-4']);
    expect(loaded.companies[0]?.deals?.map((d) => d.id)).toEqual(['1']);
    expect(loaded.rowNotes.get('5~2')).toEqual(['duplicate company id 5 (companies.csv line 3); scored separately as 5~2']);
    expect(loaded.rowNotes.get('line-4')?.[0]).toContain('no company id (companies.csv line 4)');
  });

  it('when a deal repeats in the export, then it is counted once and its company says so', () => {
    const deals = 'Record ID,Amount,Associated Company IDs\n1,10,101\n1,10,101\n';
    const loaded = read(LABEL_COMPANIES, deals);
    expect(loaded.companies[0]?.deals).toHaveLength(1);
    expect(loaded.rowNotes.get('101')).toEqual(['deal 1 appears twice in deals.csv (lines 2 and 3); counted once']);
  });

  it('when the companies file has no id column, then it is refused with the columns it has', () => {
    expect(() => read('Company name\nAcme\n', LABEL_DEALS)).toThrow(PortfolioFileError);
    expect(() => read('Company name\nAcme\n', LABEL_DEALS)).toThrow(/no company id column .*its columns are: Company name/);
  });

  it('when the deals file has no association column, then it is refused and says how to export one', () => {
    expect(() => read(LABEL_COMPANIES, 'Record ID,Amount\n1,10\n')).toThrow(/no company association column \(expected "Associated Company IDs"/);
  });

  it('when a file is empty or not CSV, then it is refused with the file name', () => {
    expect(() => read('', LABEL_DEALS)).toThrow(/companies.csv is empty/);
    expect(() => read('Record ID,Name\n"1,Acme\n', LABEL_DEALS)).toThrow(/companies.csv is not a readable CSV file/);
  });
});
