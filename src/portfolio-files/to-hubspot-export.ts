// The reverse of the CSV readers: API-shaped companies written as the two files HubSpot's export
// produces (columns by label, enumerations by label, dates "YYYY-MM-DD HH:mm", probability in
// percent, "Yes"/"No" checkboxes). The examples use it; tests use it to prove a round trip.
import { stringify } from 'csv-stringify/sync';
import { SAFE_CSV_CAST } from './csv-cell.ts';
import { DEAL_INPUT_PROPERTIES, INPUT_PROPERTIES } from '../model/properties.ts';
import type { CompanyInput } from '../model/types.ts';

export interface HubSpotExport {
  companiesCsv: string;
  dealsCsv: string;
}

export interface ExportOptions {
  /** The export shows the owner's name, not the id; default: the id itself. */
  ownerName?: (ownerId: string) => string;
}

/** HubSpot's labels for the industries we generate (the export shows labels). */
const INDUSTRY_LABELS: Record<string, string> = {
  HOSPITAL_HEALTH_CARE: 'Hospital & Health Care',
  FOOD_BEVERAGES: 'Food & Beverages',
};
const industryLabel = (value: string): string =>
  INDUSTRY_LABELS[value] ?? value.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

const OPTIONS_BY_PROPERTY = new Map([...INPUT_PROPERTIES, ...DEAL_INPUT_PROPERTIES].map((p) => [p.name, p.options ?? []]));
const optionLabel = (name: string, value: string): string => OPTIONS_BY_PROPERTY.get(name)?.find((o) => o.value === value)?.label ?? value;

/** "2026-03-02T16:00:00Z" → "2026-03-02 16:00"; anything else is exported as it is. */
function exportDate(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:00(\.0+)?)?Z$/.exec(value);
  return match ? `${match[1]} ${match[2]}` : value;
}

function exportProbability(value: string): string {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? String(Math.round(n * 1e6) / 1e4) : value;
}

const COMPANY_HEADERS: [label: string, property: string][] = [
  ['Record ID', 'id'], ['Company name', 'name'], ['Annual Revenue', 'annualrevenue'], ['Industry', 'industry'],
  ['Company owner', 'hubspot_owner_id'], ...INPUT_PROPERTIES.map((p): [string, string] => [p.label, p.name]),
];
const DEAL_HEADERS: [label: string, property: string][] = [
  ['Record ID', 'id'], ['Deal Name', 'dealname'], ['Pipeline', 'pipeline'], ['Amount', 'amount'],
  ['Amount in company currency', 'amount_in_home_currency'], ['Close Date', 'closedate'], ['Is Closed Won', 'hs_is_closed_won'],
  ['Is closed', 'hs_is_closed'], ['Deal probability', 'hs_deal_stage_probability'],
  ...DEAL_INPUT_PROPERTIES.map((p): [string, string] => [p.label, p.name]),
  ['Associated Company IDs (Primary)', 'primary'], ['Associated Company IDs', 'associations'],
];

function companyCell(company: CompanyInput, property: string, options: ExportOptions): string {
  if (property === 'id') return company.id;
  const value = company.properties[property];
  if (value === null || value === undefined) return '';
  if (property === 'industry') return industryLabel(value);
  if (property === 'hubspot_owner_id') return options.ownerName?.(value) ?? value;
  return optionLabel(property, value);
}

export function toHubSpotExport(companies: Iterable<CompanyInput>, options: ExportOptions = {}): HubSpotExport {
  const companyRows: string[][] = [COMPANY_HEADERS.map(([label]) => label)];
  const dealRows: string[][] = [DEAL_HEADERS.map(([label]) => label)];
  for (const company of companies) {
    companyRows.push(COMPANY_HEADERS.map(([, property]) => companyCell(company, property, options)));
    for (const deal of company.deals ?? []) {
      const p = deal.properties;
      dealRows.push(DEAL_HEADERS.map(([, property]) => {
        if (property === 'id') return deal.id;
        if (property === 'primary' || property === 'associations') return company.id;
        if (property === 'dealname') return `${company.properties.name ?? company.id} – deal ${deal.id}`;
        const value = p[property];
        if (value === null || value === undefined) return '';
        if (property === 'closedate') return exportDate(value);
        if (property === 'hs_deal_stage_probability') return exportProbability(value);
        return value;
      }));
    }
  }
  return { companiesCsv: stringify(companyRows, { cast: SAFE_CSV_CAST }), dealsCsv: stringify(dealRows, { cast: SAFE_CSV_CAST }) };
}
