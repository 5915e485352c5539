// The settings page's what-if: the companies of the portal's current snapshot (what the home page
// shows) scored again with the proposed settings at the snapshot's instant, and compared with it
// company by company. It is the heaviest thing a HubSpot user can ask for, so it is limited: one at
// a time per portal, a few a minute per portal, and one scoring at a time in the process (shared
// with the snapshot builds).
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { Settings } from '../model/settings.ts';
import { CATEGORIES, QUADRANTS, type AccountFigures, type Quadrant } from '../model/types.ts';
import type { Serial } from '../portfolio-page/one-at-a-time.ts';
import { nameOf } from '../portfolio-page/labels.ts';
import { capacityOf, countBy } from '../portfolio-page/portfolio-view.ts';
import { scoreInSlices } from '../portfolio-page/score-in-slices.ts';
import { scenarioMoves } from '../portfolio-page/what-if.ts';
import type { CompanyRef, Mover, Scenario, WhatIfResponse } from './api-contract.ts';
import { recordUrl } from './portfolio-pages.ts';
import { profitTargetOf, type PortfolioSnapshot } from './portfolio-snapshot.ts';
import type { SnapshotCache } from './snapshot-cache.ts';

export interface WhatIfLimits {
  /** What-ifs a portal may start per minute (default 6). */
  perMinute: number;
  /** Movers listed (default 50; every count covers all). */
  moversShown: number;
}

export interface WhatIfRunnerDeps {
  snapshots: Pick<SnapshotCache, 'current'>;
  serial: Serial;
  now: () => number;
  appOrigin: string;
  limits?: Partial<WhatIfLimits>;
}

export type WhatIfOutcome = { ok: true; result: WhatIfResponse } | { ok: false; retryAfterSeconds: number; reason: string };

const MINUTE = 60_000;

export class WhatIfRunner {
  private readonly running = new Set<string>();
  /** Start times of the last minute, per portal (bounded by perMinute each). */
  private readonly started = new Map<string, number[]>();
  private readonly limits: WhatIfLimits;

  constructor(private readonly deps: WhatIfRunnerDeps) {
    this.limits = { perMinute: 6, moversShown: 50, ...deps.limits };
  }

  /** Refuses when the portal has one running or used its minute's share; otherwise scores and compares. */
  async run(portalId: string, current: { version: number }, proposed: Settings): Promise<WhatIfOutcome> {
    const now = this.deps.now();
    if (this.running.has(portalId)) return { ok: false, retryAfterSeconds: 2, reason: 'a what-if for this HubSpot account is still running' };
    const recent = (this.started.get(portalId) ?? []).filter((t) => now - t < MINUTE);
    if (recent.length >= this.limits.perMinute) {
      const wait = Math.ceil((recent[0]! + MINUTE - now) / 1000);
      return { ok: false, retryAfterSeconds: Math.max(1, wait), reason: `at most ${this.limits.perMinute} what-ifs a minute per HubSpot account` };
    }
    this.prune(now);
    this.started.set(portalId, [...recent, now]);
    this.running.add(portalId);
    try {
      // Outside the serial section: building the snapshot takes its own turn there.
      const { snapshot, companies } = await this.deps.snapshots.current(portalId, current.version);
      const result = await this.deps.serial(async () => {
        const after = await scoreInSlices(companies, proposed, new Date(snapshot.asOf));
        return this.compare(snapshot, proposed, after);
      });
      return { ok: true, result };
    } finally {
      this.running.delete(portalId);
    }
  }

  // Portals whose last minute is over hold no entry.
  private prune(now: number): void {
    for (const [portalId, times] of this.started) if (times.every((t) => now - t >= MINUTE)) this.started.delete(portalId);
  }

  private compare(before: PortfolioSnapshot, proposed: Settings, after: PortfolioResult): WhatIfResponse {
    const { portalId } = before;
    const ref = (a: AccountFigures): CompanyRef => ({ companyId: a.companyId, name: nameOf(a), objectTypeId: '0-2', recordUrl: recordUrl(this.deps.appOrigin, portalId, a.companyId) });
    const moves = scenarioMoves(new Map(before.rows.map((r) => [r.companyId, r])), after.accounts);
    const shown = this.limits.moversShown;
    const currentScenario: Scenario = {
      thresholds: before.thresholds, profitTarget: before.profitTarget, capacity: before.capacity, categories: before.categoryCounts,
      quadrants: Object.fromEntries(QUADRANTS.map((q) => [q, before.lists[`quadrant:${q}`].length])) as Record<Quadrant, number>,
    };
    const proposedScenario: Scenario = {
      thresholds: { ...after.thresholds }, profitTarget: profitTargetOf(proposed, after), capacity: capacityOf(after),
      quadrants: countBy(QUADRANTS, after.accounts, (a) => a.quadrant), categories: countBy(CATEGORIES, after.accounts, (a) => a.category),
    };
    return {
      portalId, basedOnVersion: before.settingsVersion, asOf: before.asOf, companies: after.accounts.length,
      current: currentScenario, proposed: proposedScenario,
      quadrantMoves: moves.quadrantMoves, categoryMoves: moves.categoryMoves,
      keyList: {
        joining: moves.joining.length, leaving: moves.leaving.length,
        joiningCompanies: moves.joining.slice(0, shown).map(ref), leavingCompanies: moves.leaving.slice(0, shown).map(ref),
      },
      movers: moves.movers.slice(0, shown).map(({ was, now }): Mover => ({
        ...ref(now),
        quadrant: { from: was.quadrant, to: now.quadrant }, category: { from: was.category, to: now.category }, keyAccount: { from: was.isKeyAccount, to: now.isKeyAccount },
      })),
      moversTotal: moves.movers.length,
    };
  }
}
