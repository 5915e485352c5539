// scorePortfolio for the HTTP server: the very same steps (scoringSteps), with a turn of the
// event loop after every slice of companies. A 100,000-company portal takes seconds to score; in
// one synchronous block that would hold up every webhook ack the same process owes HubSpot.
import { scoringSteps, type PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import type { CompanyInput } from '../model/types.ts';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function scoreInSlices(companies: readonly CompanyInput[], settings: Settings, asOf: Date, slice = 2000): Promise<PortfolioResult> {
  const steps = scoringSteps(companies, settings, asOf, {}, slice);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
