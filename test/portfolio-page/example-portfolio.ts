// The example portfolio (300 companies) as the page sees it, and its asOf as `kam score` uses it.
import { readFileSync } from 'node:fs';
import { endOfDay } from '../../src/model/dates.ts';
import type { CompanyInput } from '../../src/model/types.ts';
import { readPortfolioJson } from '../../src/portfolio-files/read-portfolio-json.ts';

export const EXAMPLE_PATH = 'examples/portfolio.json';
export const EXAMPLE_TEXT = readFileSync(EXAMPLE_PATH, 'utf8');
const loaded = readPortfolioJson(EXAMPLE_TEXT, EXAMPLE_PATH);
export const EXAMPLE_COMPANIES: CompanyInput[] = loaded.companies;
/** The end of the file's asOf day, as `kam score` scores it. */
export const EXAMPLE_AS_OF = new Date(endOfDay(new Date(`${loaded.asOf}T00:00:00Z`)));
