// Each portal's scored portfolio, kept in this process so the home page never scores per request:
// the first load of a portal builds its snapshot (scoring every stored company once), later loads
// read it. A snapshot older than maxAgeMs, or made with older settings, is rebuilt in the
// background while the old one keeps answering. Builds run one at a time for the whole process
// (with the what-ifs), so one portal cannot take both cores; the memory held is capped in rows, the
// least recently used portals dropped first.
import type { Logger } from '../logger.ts';
import type { CompanyInput } from '../model/types.ts';
import type { Serial } from '../portfolio-page/one-at-a-time.ts';
import { scoreInSlices } from '../portfolio-page/score-in-slices.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { buildSnapshot, type PortfolioSnapshot } from './portfolio-snapshot.ts';

export interface SnapshotCacheDeps {
  /** Every stored company of the portal, in id order (loadStoredCompanies). */
  loadCompanies: (portalId: string) => Promise<CompanyInput[]>;
  settings: Pick<SettingsStore, 'get'>;
  /** Heavy scoring of the hubspot routes, one at a time. */
  serial: Serial;
  now: () => number;
  logger: Logger;
  /** Default 60 s. */
  maxAgeMs?: number;
  /** Rows held over every portal (default 400,000). */
  maxRows?: number;
}

export class SnapshotCache {
  private readonly entries = new Map<string, PortfolioSnapshot>();
  private readonly building = new Map<string, Promise<PortfolioSnapshot>>();
  private readonly maxAgeMs: number;
  private readonly maxRows: number;

  constructor(private readonly deps: SnapshotCacheDeps) {
    this.maxAgeMs = deps.maxAgeMs ?? 60_000;
    this.maxRows = deps.maxRows ?? 400_000;
  }

  /**
   * The portal's snapshot. A fresh one at once; a stale one at once while a rebuild starts; none
   * yet: the build starts and is awaited up to `waitMs`, then null (the page polls).
   */
  async get(portalId: string, settingsVersion: number, waitMs: number): Promise<PortfolioSnapshot | null> {
    const held = this.entries.get(portalId);
    if (held) {
      this.entries.delete(portalId);
      this.entries.set(portalId, held);
      const stale = held.settingsVersion !== settingsVersion || this.deps.now() - held.builtAt > this.maxAgeMs;
      if (stale) void this.build(portalId).catch(() => undefined);
      return held;
    }
    const build = this.build(portalId);
    // A build that fails after the wait is logged by build(); nobody else awaits it.
    build.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), waitMs);
    });
    try {
      return await Promise.race([build, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops a portal's snapshot (uninstall, tests). */
  forget(portalId: string): void {
    this.entries.delete(portalId);
  }

  private build(portalId: string): Promise<PortfolioSnapshot> {
    const running = this.building.get(portalId);
    if (running) return running;
    const started = this.deps.now();
    const build = this.deps.serial(async () => {
      const companies = await this.deps.loadCompanies(portalId);
      const { settings, version } = await this.deps.settings.get(portalId);
      const asOf = new Date(this.deps.now());
      const result = await scoreInSlices(companies, settings, asOf);
      return buildSnapshot(result, settings, { portalId, asOf, settingsVersion: version, builtAt: this.deps.now() });
    });
    const tracked = build
      .then((snapshot) => {
        this.keep(snapshot);
        this.deps.logger.info({ portalId, companies: snapshot.companyCount, ms: this.deps.now() - started }, 'portfolio snapshot built');
        return snapshot;
      })
      .catch((err: unknown) => {
        this.deps.logger.error({ err, portalId }, 'portfolio snapshot failed');
        throw err;
      })
      .finally(() => this.building.delete(portalId));
    this.building.set(portalId, tracked);
    return tracked;
  }

  private keep(snapshot: PortfolioSnapshot): void {
    this.entries.delete(snapshot.portalId);
    this.entries.set(snapshot.portalId, snapshot);
    let rows = 0;
    for (const s of this.entries.values()) rows += s.rows.length;
    // Oldest first, never the one just built.
    for (const [portalId, s] of this.entries) {
      if (rows <= this.maxRows || portalId === snapshot.portalId) break;
      this.entries.delete(portalId);
      rows -= s.rows.length;
    }
  }
}
