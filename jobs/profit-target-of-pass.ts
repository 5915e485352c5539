// The profit target 'auto' in the full pass (scoring-model.md §11): the pass measures every
// company first (figures that do not depend on the target), keeps only the capacity's largest
// expected profits with a dedicated team, works the target out at the end of its reading, and
// then decides and ranks every parked company with it. The target is held in the portfolio state
// until the next pass, for the flushes in between.
import {
  LargestValues, applyProfitTarget, autoProfitTarget, portfolioEntry, wasKeyAccount, withProfitTarget,
  type CompanyScore, type ModelSettings, type ProfitTarget, type RecordInput, type Settings,
} from '../src/model/index.ts';
import type { PortfolioState } from '../src/store/portfolio-state.ts';
import type { PortalDeps } from './portal-deps.ts';

interface Parked {
  record: RecordInput;
  score: CompanyScore;
}

/** Collects the existing customers' dedicated-team profits while the pass reads. */
export class AutoTarget {
  private readonly largest: LargestValues;

  constructor(private readonly settings: Settings) {
    this.largest = new LargestValues(settings.keyAccountCapacity);
  }

  add(scores: Iterable<CompanyScore>): void {
    for (const s of scores) if (s.everWon && !s.lost) this.largest.add(s.expectedProfitBy.dedicated);
  }

  /** The target these settings name, or the one 'auto' gives over what was added. */
  target(): ProfitTarget {
    const set = this.settings.profitTarget;
    return set === 'auto' ? autoProfitTarget(this.largest) : { value: set, source: 'set', customers: 0 };
  }

  model(): ModelSettings {
    return withProfitTarget(this.settings, this.target().value);
  }
}

/**
 * Sizes the rebuilt state for the parked companies, then decides each with the target and upserts
 * it, in batches of 100 (HSCAN may return a field twice while the hash rehashes: each company
 * once). Holds the target in the rebuilt state, so it moves in with it.
 */
export async function rankParked(deps: PortalDeps, parkKey: string, rebuild: PortfolioState, target: ProfitTarget, model: ModelSettings): Promise<void> {
  await rebuild.sizeFor(await deps.redis.hlen(parkKey));
  const seen = new Set<string>();
  let cursor = '0';
  do {
    const [next, flat] = await deps.redis.hscan(parkKey, cursor, 'COUNT', 100);
    cursor = next;
    const entries = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      if (seen.has(flat[i]!)) continue;
      seen.add(flat[i]!);
      const p = JSON.parse(flat[i + 1]!) as Parked;
      entries.push(portfolioEntry(applyProfitTarget(p.score, model), wasKeyAccount(p.record)));
    }
    await rebuild.upsert(entries);
  } while (cursor !== '0');
  await rebuild.setProfitTarget(target.value);
}
