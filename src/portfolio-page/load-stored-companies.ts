// The stored model inputs of a portal (kept up to date by the jobs), read whole for scoring: the
// page and the what-if never call HubSpot.
import { compareIds } from '../model/portfolio.ts';
import type { CompanyInput } from '../model/types.ts';
import type { PortfolioInputs } from '../store/portfolio-inputs.ts';

/**
 * Every stored company once, in id order: HSCAN's order is the hash's, and a 'portfolio-average'
 * threshold is a floating-point sum, so a fixed order keeps the figures identical from one request
 * to the next (and to `kam score` on an id-ordered file).
 */
export async function loadStoredCompanies(inputs: PortfolioInputs): Promise<CompanyInput[]> {
  const byId = new Map<string, CompanyInput>();
  for await (const page of inputs.all()) {
    for (const c of page) byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}
