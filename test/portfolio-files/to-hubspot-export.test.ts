import { describe, expect, it } from 'vitest';
import type { RecordInput } from '../../src/model/types.ts';
import { readPortfolioCsv } from '../../src/portfolio-files/read-portfolio-csv.ts';
import { toHubSpotExport } from '../../src/portfolio-files/to-hubspot-export.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';

const AS_OF = new Date('2026-11-22T00:00:00Z');
/** What the model reads of a record: absent and null mean the same; bookkeeping ids aside. */
const meaning = (record: RecordInput | undefined): Record<string, string | null> =>
  Object.fromEntries(
    Object.entries(record?.properties ?? {})
      .filter(([k, v]) => k !== 'hs_object_id' && v !== null && v !== undefined)
      .map(([k, v]) => [k, v ?? null]),
  );

describe('toHubSpotExport', () => {
  const companies = [...generatePortfolio({ count: 400, asOf: AS_OF, seed: 21, malformedRate: 0.2 })];
  const exported = toHubSpotExport(companies);

  it('when written in export form and read back, then every company and deal means exactly what it meant', () => {
    const loaded = readPortfolioCsv({ text: exported.companiesCsv, source: 'c.csv' }, { text: exported.dealsCsv, source: 'd.csv' });
    expect(loaded.fileNotes).toEqual([]);
    expect(loaded.companies.map((c) => c.id)).toEqual(companies.map((c) => c.id));
    loaded.companies.forEach((company, i) => {
      const original = companies[i];
      expect(meaning(company)).toEqual(meaning(original));
      expect(company.deals?.map((d) => d.id)).toEqual(original?.deals?.map((d) => d.id));
      company.deals?.forEach((deal, j) => expect(meaning(deal)).toEqual(meaning(original?.deals?.[j])));
    });
  });

  it("when exported, then it looks like HubSpot's export: labels, percent probability, local dates, Yes/No", () => {
    const [companyHeader] = exported.companiesCsv.split('\n');
    const [dealHeader, firstDeal] = exported.dealsCsv.split('\n');
    expect(companyHeader).toMatch(/^Record ID,Company name,Annual Revenue,Industry,Company owner,Category spend \(wallet\)/);
    expect(dealHeader).toContain('Deal probability');
    expect(dealHeader).toMatch(/Associated Company IDs \(Primary\),Associated Company IDs$/);
    expect(firstDeal).toMatch(/,\d{4}-\d{2}-\d{2} 16:00,/);
    expect(exported.dealsCsv).toMatch(/,true,true,100,/);
    expect(exported.companiesCsv).toContain(',Yes,');
  });

  it('when an owner name lookup is given, then the export shows names instead of owner ids', () => {
    const withNames = toHubSpotExport(companies.slice(0, 20), { ownerName: () => 'Anna Becker' });
    expect(withNames.companiesCsv).toContain('Anna Becker');
    expect(withNames.companiesCsv).not.toContain('71234501');
  });
});
