// Scores what a reader loaded: what the reader found wrong with a row joins that company's notes
// before the explanation is written, so the explanation and the bad-data flag both say it.
import { scorePortfolio, type PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import type { LoadedPortfolio } from '../portfolio-files/loaded-portfolio.ts';

export function scoreLoadedPortfolio(loaded: LoadedPortfolio, settings: Settings, asOf: Date): PortfolioResult {
  return scorePortfolio(loaded.companies, settings, asOf, { notesBefore: (id) => loaded.rowNotes.get(id) });
}
