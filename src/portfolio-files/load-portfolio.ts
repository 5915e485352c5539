// Picks the reader for what the user named: one portfolio JSON, or a companies + deals CSV pair.
import type { LoadedPortfolio } from './loaded-portfolio.ts';
import { PortfolioFileError } from './portfolio-file-error.ts';
import { readPortfolioCsv } from './read-portfolio-csv.ts';
import { readPortfolioJson } from './read-portfolio-json.ts';

export interface PortfolioSource {
  /** A portfolio JSON, or a companies CSV when `deals` is given. */
  file?: string;
  companies?: string;
  deals?: string;
}

export type ReadText = (path: string) => Promise<string>;

export async function loadPortfolio(source: PortfolioSource, readText: ReadText): Promise<LoadedPortfolio> {
  const companies = source.companies ?? (source.deals && source.file ? source.file : undefined);
  if (companies || source.deals) {
    if (!companies || !source.deals) {
      throw new PortfolioFileError('a CSV portfolio needs both files: --companies companies.csv --deals deals.csv');
    }
    if (source.companies && source.file) {
      throw new PortfolioFileError(`give either a portfolio file (${source.file}) or --companies/--deals, not both`);
    }
    return readPortfolioCsv(
      { text: await readInput(companies, readText), source: companies },
      { text: await readInput(source.deals, readText), source: source.deals },
    );
  }
  if (!source.file) throw new PortfolioFileError('no portfolio given: name a portfolio JSON file, or --companies and --deals CSV files');
  if (/\.csv$/i.test(source.file)) {
    throw new PortfolioFileError(`${source.file} is a CSV file: give the deals export too (--deals deals.csv)`);
  }
  return readPortfolioJson(await readInput(source.file, readText), source.file);
}

async function readInput(path: string, readText: ReadText): Promise<string> {
  try {
    return await readText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new PortfolioFileError(`cannot read ${path}: ${why}`);
  }
}
