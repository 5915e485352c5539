// The profit target 'auto' in the full pass (scoring-model.md §11): the pass measures every
// company first (figures that do not depend on the target), keeps only the capacity's largest
// expected profits with a dedicated team, works the target out at the end of its reading, and
// then decides and ranks every parked company with it. The target is held in the portfolio state
// until the next pass, for the flushes in between.
import {
  LargestValues, applyProfitTarget, autoProfitTarget, portfolioEntry, rankedUnits, unitWasKey, wasKeyAccount, withProfitTarget,
  type CompanyScore, type ModelSettings, type ProfitTarget, type RecordInput, type Settings,
} from '../src/model/index.ts';
import type { PortfolioState } from '../src/store/portfolio-state.ts';
import { NO_GROUPS, type PassGroups } from './pass-groups.ts';
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

/** Each parked company once (HSCAN may return a field twice while the hash rehashes), 100 at a time. */
async function eachParkedBatch(deps: PortalDeps, parkKey: string, work: (batch: Parked[]) => Promise<void> | void): Promise<void> {
  const seen = new Set<string>();
  let cursor = '0';
  do {
    const [next, flat] = await deps.redis.hscan(parkKey, cursor, 'COUNT', 100);
    cursor = next;
    const batch: Parked[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      if (seen.has(flat[i]!)) continue;
      seen.add(flat[i]!);
      batch.push(JSON.parse(flat[i + 1]!) as Parked);
    }
    await work(batch);
  } while (cursor !== '0');
}

/**
 * The target over the ranked units when the portfolio has groups: a central group counts once, by
 * its own figures (§11), which the pass knows only once every company is read.
 */
export async function autoTargetOfUnits(deps: PortalDeps, parkKey: string, settings: Settings, groups: PassGroups): Promise<AutoTarget> {
  const auto = new AutoTarget(settings);
  await eachParkedBatch(deps, parkKey, (batch) => auto.add(rankedUnits(batch.map((p) => p.score), groups)));
  return auto;
}

/**
 * Sizes the rebuilt state for the parked companies, then decides every ranked unit with the target
 * (a company alone, or a central group once under its top's id) and upserts it, in batches of 100. Holds the target in the
 * rebuilt state, so it moves in with it.
 */
export async function rankParked(deps: PortalDeps, parkKey: string, rebuild: PortfolioState, target: ProfitTarget, model: ModelSettings, groups: PassGroups = NO_GROUPS): Promise<void> {
  await rebuild.sizeFor(await deps.redis.hlen(parkKey));
  await eachParkedBatch(deps, parkKey, async (batch) => {
    const entries = [];
    for (const p of batch) {
      const wasKey = (id: string): boolean => groups.wasKey.get(id) ?? wasKeyAccount(p.record);
      for (const unit of rankedUnits([applyProfitTarget(p.score, model)], groups)) entries.push(portfolioEntry(unit, unitWasKey(unit, groups, wasKey)));
    }
    await rebuild.upsert(entries);
  });
  await rebuild.setProfitTarget(target.value);
}
