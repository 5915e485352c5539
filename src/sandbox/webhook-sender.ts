// Delivers webhook events to the app the way HubSpot does: POSTs of up to 100 events of one portal,
// signed with v3 (base64 HMAC-SHA256 of method + URI + body + timestamp with the client secret) and
// v1, a bounded number in flight, each attempt with a timeout. A connection error, timeout, 429 or
// 5xx is retried with exponential back-off up to a bound (attemptNumber counts up); another 4xx is
// not retried. Counts and `idle()` let tests and benchmarks wait for every delivery to settle.
import { EventQueue } from './event-queue.ts';
import type { WebhookEvent } from './webhook-events.ts';
import { postSigned } from './webhook-post.ts';

export interface WebhookSenderOptions {
  clientSecret: string;
  targetUrl?: string;
  now: () => number;
  /** Events per POST (HubSpot: 100). */
  batchSize?: number;
  /** POSTs in flight at once (HubSpot's default is about 10). */
  maxConcurrent?: number;
  /** Per-attempt timeout (HubSpot: 5 s). */
  timeoutMs?: number;
  /** Attempts per batch before it counts as failed (HubSpot retries up to 10 times). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxDelayMs. */
  retryDelayMs?: number;
  maxDelayMs?: number;
  /** Wait this long after the first queued event before sending, so bursts fill batches (default 0: next tick). */
  batchDelayMs?: number;
  /** Called after every attempt (benchmarks measure freshness with it). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
}

export interface DeliveryAttempt {
  events: readonly WebhookEvent[];
  attemptNumber: number;
  /** HTTP status, or undefined for a connection error or timeout. */
  status?: number;
  outcome: 'delivered' | 'retry' | 'failed';
}

export interface WebhookStats {
  /** Events queued, in flight or waiting for a retry. */
  pending: number;
  delivered: number;
  failed: number;
  /** Events that had no target URL to go to. */
  dropped: number;
  requests: number;
  retries: number;
}

interface Batch {
  events: WebhookEvent[];
  attempt: number;
}

export class WebhookSender {
  private readonly queue = new EventQueue();
  private readonly ready: Batch[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private waiters: Array<() => void> = [];
  private inFlight = 0;
  private inFlightEvents = 0;
  /** Batches (and their events) waiting for a retry timer. */
  private waitingRetry = 0;
  private retryEvents = 0;
  private scheduled = false;
  private closed = false;
  private readonly counts = { delivered: 0, failed: 0, dropped: 0, requests: 0, retries: 0 };

  constructor(private readonly options: WebhookSenderOptions) {}

  setTarget(url: string | undefined): void {
    this.options.targetUrl = url;
  }

  get targetUrl(): string | undefined {
    return this.options.targetUrl;
  }

  enqueue(events: readonly WebhookEvent[]): void {
    if (events.length === 0 || this.closed) return;
    if (!this.options.targetUrl) {
      this.counts.dropped += events.length;
      return;
    }
    this.queue.push(events);
    this.schedule();
  }

  stats(): WebhookStats {
    const ready = this.ready.reduce((n, b) => n + b.events.length, 0);
    return { pending: this.queue.size + ready + this.inFlightEvents + this.retryEvents, ...this.counts };
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const c of this.controllers) c.abort();
    this.timers.clear();
    this.queue.clear();
    this.ready.length = 0;
    this.retryEvents = 0;
    this.waitingRetry = 0;
    this.settle(true);
  }

  private isIdle(): boolean {
    return this.queue.size === 0 && this.ready.length === 0 && this.inFlight === 0 && this.waitingRetry === 0;
  }

  private settle(force = false): void {
    if (!force && !this.isIdle()) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.pump();
    };
    const delay = this.options.batchDelayMs ?? 0;
    if (delay > 0) this.later(delay, run);
    else setImmediate(run);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private nextBatch(): Batch | undefined {
    const retry = this.ready.shift();
    if (retry) return retry;
    const events = this.queue.take(this.options.batchSize ?? 100);
    return events && { events, attempt: 0 };
  }

  private pump(): void {
    const max = this.options.maxConcurrent ?? 10;
    while (!this.closed && this.inFlight < max) {
      const batch = this.nextBatch();
      if (!batch) break;
      this.inFlight += 1;
      this.inFlightEvents += batch.events.length;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.inFlightEvents -= batch.events.length;
        this.pump();
        this.settle();
      });
    }
  }

  private async send(batch: Batch): Promise<void> {
    const url = this.options.targetUrl;
    const status = url === undefined ? undefined : await this.post(url, batch);
    const ok = status !== undefined && status >= 200 && status < 300;
    const retryable = status === undefined || status === 429 || status >= 500;
    const canRetry = batch.attempt + 1 < (this.options.maxAttempts ?? 10);
    const outcome = ok ? 'delivered' : retryable && canRetry && !this.closed ? 'retry' : 'failed';
    this.options.onAttempt?.({ events: batch.events, attemptNumber: batch.attempt, status, outcome });
    if (outcome === 'delivered') this.counts.delivered += batch.events.length;
    else if (outcome === 'failed') this.counts.failed += batch.events.length;
    else this.retryLater(batch);
  }

  private retryLater(batch: Batch): void {
    this.counts.retries += 1;
    const delay = Math.min(this.options.maxDelayMs ?? 60_000, (this.options.retryDelayMs ?? 1000) * 2 ** batch.attempt);
    this.waitingRetry += 1;
    this.retryEvents += batch.events.length;
    this.later(delay, () => {
      this.waitingRetry -= 1;
      this.retryEvents -= batch.events.length;
      this.ready.push({ events: batch.events, attempt: batch.attempt + 1 });
      this.pump();
    });
  }

  private async post(url: string, batch: Batch): Promise<number | undefined> {
    const controller = new AbortController();
    this.controllers.add(controller);
    this.counts.requests += 1;
    try {
      const body = JSON.stringify(batch.events.map((e) => ({ ...e, attemptNumber: batch.attempt })));
      return await postSigned({ url, body, secret: this.options.clientSecret, timestamp: this.options.now(), timeoutMs: this.options.timeoutMs ?? 5000, signal: controller.signal });
    } finally {
      this.controllers.delete(controller);
    }
  }
}
