// The two files HubSpot exports (companies, deals with their associated company ids), joined into
// companies with deals. Deals that reach no company are counted and named, never lost quietly.
import type { LoadedPortfolio } from './loaded-portfolio.ts';
import { addRowNote } from './loaded-portfolio.ts';
import { readCompaniesCsv } from './read-companies-csv.ts';
import { readDealsCsv, type DealRow } from './read-deals-csv.ts';

export interface CsvSource {
  text: string;
  source: string;
}

const FIRST_FEW = 5;
const firstFew = (items: string[]): string => items.slice(0, FIRST_FEW).join(', ') + (items.length > FIRST_FEW ? ', …' : '');

export function readPortfolioCsv(companiesFile: CsvSource, dealsFile: CsvSource): LoadedPortfolio {
  const { companies, rowNotes } = readCompaniesCsv(companiesFile.text, companiesFile.source);
  const deals = readDealsCsv(dealsFile.text, dealsFile.source);
  const byId = new Map(companies.map((c) => [c.id, c]));
  const byDomain = new Map<string, string[]>();
  for (const c of companies) {
    const domain = c.properties.domain;
    if (domain) byDomain.set(domain, [...(byDomain.get(domain) ?? []), c.id]);
  }
  const unknownDomains = new Set<string>();
  const unassociated: string[] = [];
  const unknownCompany = new Map<string, string[]>();
  const firstLineOf = new Map<string, number>();
  for (const row of deals) {
    // An import-style row names its companies by domain: a domain held by one company is that company.
    if (row.companyIds.length === 0) {
      for (const domain of row.companyDomains) {
        const ids = byDomain.get(domain) ?? [];
        if (ids.length === 0) {
          unknownDomains.add(domain);
          continue;
        }
        if (ids.length > 1) addRowNote(rowNotes, ids[0]!, `deal ${row.deal.id} names the domain ${domain}, which ${ids.length} companies share (${firstFew(ids)}); counted for ${ids[0]}`);
        row.companyIds.push(ids[0]!);
      }
    }
    if (row.companyIds.length === 0) unassociated.push(`line ${row.line}`);
    const earlier = firstLineOf.get(row.deal.id);
    if (earlier !== undefined) {
      for (const id of row.companyIds) {
        if (byId.has(id)) addRowNote(rowNotes, id, `deal ${row.deal.id} appears twice in ${dealsFile.source} (lines ${earlier} and ${row.line}); counted once`);
      }
      continue;
    }
    firstLineOf.set(row.deal.id, row.line);
    attach(row, byId, unknownCompany);
  }
  const fileNotes: string[] = [];
  if (unassociated.length) {
    fileNotes.push(`${unassociated.length} deal(s) in ${dealsFile.source} have no associated company and count for none (${firstFew(unassociated)})`);
  }
  if (unknownCompany.size) {
    const ids = [...unknownCompany.keys()];
    const dealCount = [...unknownCompany.values()].reduce((n, d) => n + d.length, 0);
    fileNotes.push(`${dealCount} deal(s) name ${ids.length} company id(s) missing from ${companiesFile.source} (${firstFew(ids)})`);
  }
  if (unknownDomains.size) {
    fileNotes.push(`${unknownDomains.size} company domain(s) in ${dealsFile.source} match no company of ${companiesFile.source} (${firstFew([...unknownDomains])})`);
  }
  return { asOf: null, companies, rowNotes, fileNotes };
}

function attach(row: DealRow, byId: Map<string, { deals?: DealRow['deal'][] }>, unknown: Map<string, string[]>): void {
  for (const companyId of row.companyIds) {
    const company = byId.get(companyId);
    if (company) (company.deals ??= []).push(row.deal);
    else addRowNote(unknown, companyId, row.deal.id);
  }
}
