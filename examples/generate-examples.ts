// Writes the example portfolio (examples/portfolio.json) and the same data as HubSpot's two CSV
// exports (examples/companies.csv, examples/deals.csv). Deterministic: run it again and git shows
// no change. Usage: npx tsx examples/generate-examples.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompanyInput } from '../src/model/types.ts';
import { toHubSpotExport } from '../src/portfolio-files/to-hubspot-export.ts';
import { generatePortfolio } from '../src/sandbox/generate-portfolio.ts';

export const EXAMPLE_AS_OF = '2026-11-22';
export const EXAMPLE_OPTIONS = { count: 300, seed: 20261122, dealsPerCompany: 5, malformedRate: 0.03, asOf: new Date(`${EXAMPLE_AS_OF}T00:00:00Z`) };

const OWNER_NAMES = ['Anna Becker', 'Luis Ortega', 'Mei Lin', 'Tom Walsh', 'Sara Nilsson', 'Jonas Weber', 'Priya Nair', 'Marc Dubois'];
const ownerName = (id: string): string => OWNER_NAMES[Number(id.slice(-1)) % OWNER_NAMES.length] ?? id;

/** One company per line: small diffs, and still a file a person can read. */
function portfolioJson(companies: CompanyInput[]): string {
  const lines = companies.map((c) => `    ${JSON.stringify(c)}`);
  return `{\n  "asOf": "${EXAMPLE_AS_OF}",\n  "companies": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** The three example files' contents, from the seeded generator. */
export function exampleFiles(): { 'portfolio.json': string; 'companies.csv': string; 'deals.csv': string } {
  const companies = [...generatePortfolio(EXAMPLE_OPTIONS)];
  const { companiesCsv, dealsCsv } = toHubSpotExport(companies, { ownerName });
  return { 'portfolio.json': portfolioJson(companies), 'companies.csv': companiesCsv, 'deals.csv': dealsCsv };
}

function main(): void {
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = exampleFiles();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  process.stdout.write(`wrote ${Object.keys(files).join(', ')} to ${dir}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
