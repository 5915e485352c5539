// The settings page's what-if: the stored portfolio scored with the settings in force and with the
// proposed ones, at the same instant, and compared company by company. It is the heaviest thing a
// HubSpot user can ask for, so it is limited: one at a time per portal, a few a minute per portal,
// and one at a time in the process (shared with the snapshot builds).
import type { Settings } from '../model/settings.ts';
import type { CompanyInput } from '../model/types.ts';
import type { Serial } from '../portfolio-page/one-at-a-time.ts';
import { scoreInSlices } from '../portfolio-page/score-in-slices.ts';
import { compareScenarios, type ScenarioSummary } from '../portfolio-page/what-if.ts';
import type { PortfolioResult } from '../model/score-portfolio.ts';
import type { CompanyRef, Mover, Scenario, WhatIfResponse } from './api-contract.ts';
import { recordUrl } from './portfolio-pages.ts';
import { profitTargetOf } from './portfolio-snapshot.ts';

export interface WhatIfLimits {
  /** What-ifs a portal may start per minute (default 6). */
  perMinute: number;
  /** Movers listed (default 50; every count covers all). */
  moversShown: number;
}

export interface WhatIfRunnerDeps {
  loadCompanies: (portalId: string) => Promise<CompanyInput[]>;
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
  async run(portalId: string, current: { settings: Settings; version: number }, proposed: Settings): Promise<WhatIfOutcome> {
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
      const result = await this.deps.serial(async () => {
        const companies = await this.deps.loadCompanies(portalId);
        const asOf = new Date(this.deps.now());
        const before = await scoreInSlices(companies, current.settings, asOf);
        const after = await scoreInSlices(companies, proposed, asOf);
        return this.compare(portalId, current, proposed, before, after, asOf);
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

  private compare(
    portalId: string, current: { settings: Settings; version: number }, proposed: Settings, before: PortfolioResult, after: PortfolioResult, asOf: Date,
  ): WhatIfResponse {
    const compared = compareScenarios(before, after, this.limits.moversShown);
    const ref = (companyId: string, name: string): CompanyRef => ({ companyId, name, objectTypeId: '0-2', recordUrl: recordUrl(this.deps.appOrigin, portalId, companyId) });
    const was = new Map(before.accounts.map((a) => [a.companyId, a]));
    const movers: Mover[] = [];
    let moversTotal = 0;
    for (const a of after.accounts) {
      const b = was.get(a.companyId);
      if (!b || (b.quadrant === a.quadrant && b.category === a.category && b.isKeyAccount === a.isKeyAccount)) continue;
      moversTotal += 1;
      if (movers.length < this.limits.moversShown) {
        movers.push({
          ...ref(a.companyId, a.name ?? `(no name, id ${a.companyId})`),
          quadrant: { from: b.quadrant, to: a.quadrant }, category: { from: b.category, to: a.category }, keyAccount: { from: b.isKeyAccount, to: a.isKeyAccount },
        });
      }
    }
    const scenario = (s: ScenarioSummary, settings: Settings, result: PortfolioResult): Scenario => ({
      thresholds: s.thresholds, profitTarget: profitTargetOf(settings, result), quadrants: s.quadrants, categories: s.categories, capacity: s.capacity,
    });
    return {
      portalId, basedOnVersion: current.version, asOf: asOf.toISOString(), companies: compared.companies,
      current: scenario(compared.current, current.settings, before), proposed: scenario(compared.proposed, proposed, after),
      quadrantMoves: compared.quadrantMoves, categoryMoves: compared.categoryMoves,
      keyList: {
        joining: compared.keyList.joining, leaving: compared.keyList.leaving,
        joiningCompanies: compared.keyList.joiningNames.map((n) => ref(n.companyId, n.name)),
        leavingCompanies: compared.keyList.leavingNames.map((n) => ref(n.companyId, n.name)),
      },
      movers, moversTotal,
    };
  }
}
