// Each portal's scored portfolio, kept in this process so the home page never scores per request:
// the first load of a portal builds its snapshot (scoring every stored company once), later loads
// read it. A snapshot older than maxAgeMs, or made with older settings, is rebuilt in the
// background while the old one keeps answering. The companies it was scored from are kept with it,
// so a what-if scores only the proposed settings, on the same companies at the same instant as the
// page shows. Builds run one at a time for the whole process (with the what-ifs), so one portal
// cannot take both cores; the memory held is capped in rows, least recently used portals first.
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
  /** Companies held over every portal (default 300,000: some 200 MB each 100,000 with their deals). */
  maxRows?: number;
}

interface Entry {
  snapshot: PortfolioSnapshot;
  /** The stored companies it was scored from (for the what-if). */
  companies: CompanyInput[];
}

export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry>>();
  private readonly maxAgeMs: number;
  private readonly maxRows: number;

  constructor(private readonly deps: SnapshotCacheDeps) {
    this.maxAgeMs = deps.maxAgeMs ?? 60_000;
    this.maxRows = deps.maxRows ?? 300_000;
  }

  /**
   * The portal's snapshot. A fresh one at once; a stale one at once while a rebuild starts; none
   * yet: the build starts and is awaited up to `waitMs`, then null (the page polls).
   */
  async get(portalId: string, settingsVersion: number, waitMs: number): Promise<PortfolioSnapshot | null> {
    const held = this.touch(portalId);
    if (held) {
      if (this.stale(held, settingsVersion)) void this.build(portalId).catch(() => undefined);
      return held.snapshot;
    }
    const build = this.build(portalId).then((e) => e.snapshot);
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

  /**
   * A snapshot made with these settings and not older than maxAgeMs, with its companies, built
   * (and awaited) when there is none: what a what-if compares against.
   */
  async current(portalId: string, settingsVersion: number): Promise<Entry> {
    const held = this.touch(portalId);
    if (held && !this.stale(held, settingsVersion)) return held;
    const built = await this.build(portalId);
    // A build that started before a settings change is not good enough: build again.
    return built.snapshot.settingsVersion === settingsVersion ? built : this.build(portalId);
  }

  private touch(portalId: string): Entry | undefined {
    const held = this.entries.get(portalId);
    if (held) {
      this.entries.delete(portalId);
      this.entries.set(portalId, held);
    }
    return held;
  }

  private stale(entry: Entry, settingsVersion: number): boolean {
    return entry.snapshot.settingsVersion !== settingsVersion || this.deps.now() - entry.snapshot.builtAt > this.maxAgeMs;
  }

  private build(portalId: string): Promise<Entry> {
    const running = this.building.get(portalId);
    if (running) return running;
    const started = this.deps.now();
    const build = this.deps.serial(async () => {
      const companies = await this.deps.loadCompanies(portalId);
      const { settings, version } = await this.deps.settings.get(portalId);
      const asOf = new Date(this.deps.now());
      const result = await scoreInSlices(companies, settings, asOf);
      return { snapshot: buildSnapshot(result, settings, { portalId, asOf, settingsVersion: version, builtAt: this.deps.now() }), companies };
    });
    const tracked = build
      .then((entry) => {
        this.keep(entry);
        this.deps.logger.info({ portalId, companies: entry.snapshot.companyCount, ms: this.deps.now() - started }, 'portfolio snapshot built');
        return entry;
      })
      .catch((err: unknown) => {
        this.deps.logger.error({ err, portalId }, 'portfolio snapshot failed');
        throw err;
      })
      .finally(() => this.building.delete(portalId));
    this.building.set(portalId, tracked);
    return tracked;
  }

  private keep(entry: Entry): void {
    const { portalId: kept } = entry.snapshot;
    this.entries.delete(kept);
    this.entries.set(kept, entry);
    let rows = 0;
    for (const e of this.entries.values()) rows += e.snapshot.rows.length;
    // Oldest first, never the one just built.
    for (const [portalId, e] of this.entries) {
      if (rows <= this.maxRows || portalId === kept) break;
      this.entries.delete(portalId);
      rows -= e.snapshot.rows.length;
    }
  }
}
