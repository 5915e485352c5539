// HubSpot's burst limits per installed portal: 110 calls per rolling 10 s for an OAuth app, and
// search on its own at 5 per second. Each portal has its own windows, and may have its own limits. A refused call does not use up the window. Responses carry
// X-HubSpot-RateLimit-* headers (search responses carry none); a refusal is HubSpot's 429 body with
// its policyName.
import { randomUUID } from 'node:crypto';

export interface RateLimitSettings {
  enabled: boolean;
  /** Calls per rolling 10 s per portal (HubSpot: 110 for a marketplace OAuth app). */
  perTenSeconds: number;
  /** Search calls per second per portal (HubSpot: 5). */
  searchPerSecond: number;
}

export type RateBucket = 'api' | 'search';

export type RateDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; headers: Record<string, string>; body: Record<string, unknown> };

const POLICY: Record<RateBucket, { name: string; windowMs: number; message: string }> = {
  api: { name: 'TEN_SECONDLY_ROLLING', windowMs: 10_000, message: 'You have reached your ten_secondly_rolling limit.' },
  search: { name: 'SECONDLY', windowMs: 1000, message: 'You have reached your secondly limit.' },
};

/** HubSpot's 429 body for a policy (no `category`: rate-limit refusals carry `errorType`). */
export function rateLimitBody(bucket: RateBucket): Record<string, unknown> {
  const { name, message } = POLICY[bucket];
  return { status: 'error', message, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: name, requestId: randomUUID() };
}

export class RateLimitGate {
  private readonly windows = new Map<string, number[]>();
  private readonly rejectedBy = new Map<string, number>();
  rejected = 0;

  constructor(
    /** The settings of one portal (its own, or the sandbox's). */
    private readonly settings: (portalId: string) => RateLimitSettings,
    private readonly now: () => number,
  ) {}

  /** Calls refused for one portal so far. */
  rejectedFor(portalId: string): number {
    return this.rejectedBy.get(portalId) ?? 0;
  }

  /** Takes one call from the portal's window, or refuses it. */
  take(portalId: string, bucket: RateBucket): RateDecision {
    const s = this.settings(portalId);
    const { windowMs } = POLICY[bucket];
    const max = bucket === 'api' ? s.perTenSeconds : s.searchPerSecond;
    const key = `${portalId}:${bucket}`;
    const now = this.now();
    let calls = this.windows.get(key);
    if (!calls) this.windows.set(key, (calls = []));
    while (calls.length > 0 && (calls[0] as number) <= now - windowMs) calls.shift();
    const allowed = !s.enabled || calls.length < max;
    if (allowed) calls.push(now);
    const headers: Record<string, string> =
      bucket === 'search'
        ? {}
        : {
            'x-hubspot-ratelimit-interval-milliseconds': String(windowMs),
            'x-hubspot-ratelimit-max': String(max),
            'x-hubspot-ratelimit-remaining': String(Math.max(0, max - calls.length)),
          };
    if (allowed) return { allowed: true, headers };
    this.rejected += 1;
    this.rejectedBy.set(portalId, this.rejectedFor(portalId) + 1);
    const body = rateLimitBody(bucket);
    return { allowed: false, headers: { ...headers, 'x-hubspot-correlation-id': String(body.correlationId) }, body };
  }

  reset(): void {
    this.windows.clear();
    this.rejectedBy.clear();
    this.rejected = 0;
  }
}
