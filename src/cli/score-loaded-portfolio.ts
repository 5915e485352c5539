// Scores what a reader loaded: what the reader found wrong with a row joins that company's notes
// before the explanation is written, so the explanation and the bad-data flag both say it. The
// file's own pipeline stages and currency are used where the settings name none.
import { scorePortfolio, type PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import type { LoadedPortfolio } from '../portfolio-files/loaded-portfolio.ts';

/** The settings with the file's currency when the settings name none. */
export function settingsForFile(loaded: LoadedPortfolio, settings: Settings): Settings {
  return settings.currency === null && loaded.currency ? { ...settings, currency: loaded.currency } : settings;
}

export function scoreLoadedPortfolio(loaded: LoadedPortfolio, settings: Settings, asOf: Date): PortfolioResult {
  return scorePortfolio(loaded.companies, settingsForFile(loaded, settings), asOf, {
    notesBefore: (id) => loaded.rowNotes.get(id),
    ...(loaded.stages ? { stages: loaded.stages } : {}),
  });
}
