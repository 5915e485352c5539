// What the sandbox was asked: a count per endpoint kind (named like the adapter's call counter,
// e.g. companies.batchRead) and per status, and the most recent calls, so tests and benchmarks can
// read how many HubSpot calls a scenario cost and how many were refused.

export interface CallEntry {
  at: number;
  method: string;
  path: string;
  kind: string;
  status: number;
  portalId?: string;
  durationMs: number;
}

export interface CallSummary {
  total: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
}

export class CallLog {
  private total = 0;
  private byKind = new Map<string, number>();
  private byStatus = new Map<number, number>();
  private byPortal = new Map<string, { calls: number; rateLimited: number }>();
  private recentCalls: CallEntry[] = [];

  constructor(private readonly keep = 1000) {}

  record(entry: CallEntry): void {
    this.total += 1;
    this.byKind.set(entry.kind, (this.byKind.get(entry.kind) ?? 0) + 1);
    this.byStatus.set(entry.status, (this.byStatus.get(entry.status) ?? 0) + 1);
    if (entry.portalId !== undefined) {
      const portal = this.byPortal.get(entry.portalId) ?? { calls: 0, rateLimited: 0 };
      portal.calls += 1;
      if (entry.status === 429) portal.rateLimited += 1;
      this.byPortal.set(entry.portalId, portal);
    }
    this.recentCalls.push(entry);
    if (this.recentCalls.length > this.keep * 2) this.recentCalls = this.recentCalls.slice(-this.keep);
  }

  /** Calls of one kind (or all), whatever their status. */
  count(kind?: string): number {
    return kind === undefined ? this.total : (this.byKind.get(kind) ?? 0);
  }

  /** One portal's authenticated calls so far, and how many of them were refused with a 429. */
  portal(portalId: string): { calls: number; rateLimited: number } {
    return { calls: 0, rateLimited: 0, ...this.byPortal.get(portalId) };
  }

  summary(): CallSummary {
    return {
      total: this.total,
      byKind: Object.fromEntries(this.byKind),
      byStatus: Object.fromEntries([...this.byStatus].map(([s, n]) => [String(s), n])),
    };
  }

  /** The last calls, oldest first (at most `keep`). */
  recent(): CallEntry[] {
    return this.recentCalls.slice(-this.keep);
  }

  reset(): void {
    this.total = 0;
    this.byKind = new Map();
    this.byStatus = new Map();
    this.byPortal = new Map();
    this.recentCalls = [];
  }
}
