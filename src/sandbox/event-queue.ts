// Webhook events waiting to be sent, taken in batches of one portal's events as HubSpot sends them.
// Each portal has its own first-in-first-out line, and the portals take turns: when many portals
// change at once their events interleave, and one shared line would cut them into batches of one
// or two events each. A moving head instead of shift/splice, so taking 100 events off a line of a
// million does not move the whole array each time.
import type { WebhookEvent } from './webhook-events.ts';

class Line {
  items: WebhookEvent[] = [];
  head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  take(max: number): WebhookEvent[] {
    const end = Math.min(this.items.length, this.head + max);
    const batch = this.items.slice(this.head, end);
    this.head = end;
    if (this.head > 10_000 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }
}

export class EventQueue {
  /** Portals with events waiting, in turn order (a Map keeps insertion order). */
  private readonly lines = new Map<number, Line>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  push(events: readonly WebhookEvent[]): void {
    for (const e of events) {
      let line = this.lines.get(e.portalId);
      if (!line) this.lines.set(e.portalId, (line = new Line()));
      line.items.push(e);
    }
    this.total += events.length;
  }

  /** Up to `max` events of the portal whose turn it is; that portal then goes to the back. */
  take(max: number): WebhookEvent[] | undefined {
    const next = this.lines.entries().next();
    if (next.done) return undefined;
    const [portalId, line] = next.value;
    const batch = line.take(max);
    this.lines.delete(portalId);
    if (line.size > 0) this.lines.set(portalId, line);
    this.total -= batch.length;
    return batch;
  }

  clear(): void {
    this.lines.clear();
    this.total = 0;
  }
}
