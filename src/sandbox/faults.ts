// Realism switches of the sandbox's CRM API, changeable at runtime: latency (fixed + jitter) and
// faults drawn per call at configured rates from a seeded generator, so a run is reproducible:
// 5xx, 429 with Retry-After, timeouts (the request is never answered until the client gives up,
// or until `hangMs` when the socket is dropped), and an access token that expires under the caller.
import { z } from 'zod';
import { mulberry32 } from './generate-portfolio.ts';

const Rate = z.number().min(0).max(1);

export const FaultSettingsSchema = z
  .object({
    latencyMs: z.number().min(0),
    jitterMs: z.number().min(0),
    serverErrorRate: Rate,
    rateLimitRate: Rate,
    timeoutRate: Rate,
    tokenExpiryRate: Rate,
    /** Retry-After (seconds) on an injected 429. */
    retryAfterSeconds: z.number().min(0),
    /** How long a "timeout" hangs before the socket is dropped; 0 = until the client or the sandbox closes it. */
    hangMs: z.number().min(0),
  })
  .refine((s) => s.serverErrorRate + s.rateLimitRate + s.timeoutRate + s.tokenExpiryRate <= 1, 'fault rates add up to more than 1');
export type FaultSettings = z.infer<typeof FaultSettingsSchema>;

export const FAULT_KINDS = ['serverError', 'rateLimit', 'timeout', 'tokenExpiry'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const DEFAULTS: FaultSettings = {
  latencyMs: 0, jitterMs: 0, serverErrorRate: 0, rateLimitRate: 0, timeoutRate: 0, tokenExpiryRate: 0, retryAfterSeconds: 1, hangMs: 0,
};

export class FaultInjector {
  private current: FaultSettings;
  private readonly faultRandom: () => number;
  private readonly latencyRandom: () => number;
  private readonly counted: Record<FaultKind, number> = { serverError: 0, rateLimit: 0, timeout: 0, tokenExpiry: 0 };

  constructor(initial: Partial<FaultSettings> = {}, seed = 1) {
    this.current = FaultSettingsSchema.parse({ ...DEFAULTS, ...initial });
    this.faultRandom = mulberry32(seed);
    this.latencyRandom = mulberry32(seed ^ 0x5bd1e995);
  }

  /** Changes some settings; the rest stay. Throws on a rate outside [0, 1] or rates summing past 1. */
  set(patch: Partial<FaultSettings>): void {
    this.current = FaultSettingsSchema.parse({ ...this.current, ...patch });
  }

  /** Back to no latency and no faults (counts are kept). */
  clear(): void {
    this.current = { ...DEFAULTS };
  }

  get settings(): Readonly<FaultSettings> {
    return this.current;
  }

  /** Faults injected so far, by kind. */
  get counts(): Readonly<Record<FaultKind, number>> {
    return { ...this.counted };
  }

  resetCounts(): void {
    for (const k of FAULT_KINDS) this.counted[k] = 0;
  }

  /** The delay of the next answer. */
  delayMs(): number {
    const { latencyMs, jitterMs } = this.current;
    return jitterMs > 0 ? latencyMs + this.latencyRandom() * jitterMs : latencyMs;
  }

  /** Whether the next call fails, and how; one draw per call. */
  draw(): FaultKind | undefined {
    const r = this.faultRandom();
    let edge = 0;
    const rates: Record<FaultKind, number> = {
      serverError: this.current.serverErrorRate,
      rateLimit: this.current.rateLimitRate,
      timeout: this.current.timeoutRate,
      tokenExpiry: this.current.tokenExpiryRate,
    };
    for (const kind of FAULT_KINDS) {
      edge += rates[kind];
      if (r < edge) {
        this.counted[kind] += 1;
        return kind;
      }
    }
    return undefined;
  }
}
