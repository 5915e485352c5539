// Webhook events waiting to be sent, first in first out, taken in batches of one portal's events.
// A moving head instead of shift/splice, so taking 100 events off a queue of a million does not
// move the whole array each time.
import type { WebhookEvent } from './webhook-events.ts';

export class EventQueue {
  private items: WebhookEvent[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(events: readonly WebhookEvent[]): void {
    for (const e of events) this.items.push(e);
  }

  /** Up to `max` events from the front that belong to the same portal as the first one. */
  take(max: number): WebhookEvent[] | undefined {
    const first = this.items[this.head];
    if (!first) return undefined;
    let end = this.head + 1;
    while (end - this.head < max && end < this.items.length && this.items[end]?.portalId === first.portalId) end++;
    const batch = this.items.slice(this.head, end);
    this.head = end;
    if (this.head === this.items.length) this.clear();
    else if (this.head > 10_000 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
