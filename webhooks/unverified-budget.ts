// What the webhook door lets in before a signature can be checked: bodies that passed the header
// check but whose bytes have not all arrived. Both their count and their declared bytes are
// bounded, so stalled bodies with plausible (fake) signature headers cost at most the budget.
//
// Two ways keep a flood of fake-signed stalled bodies from closing the door to real batches:
// - a quarter of the places and bytes is kept for small bodies (≤ SMALL_BODY_BYTES: HubSpot's
//   batches of at most 100 events are a few tens of KB), so megabyte bodies can never take them;
// - when the budget is full, the oldest holder that has had `evictAfterMs` to send its body is shed
//   to make room: HubSpot sends a batch in milliseconds, so whoever still holds a place after a
//   second is stalling. Only when every holder is younger than that is the newcomer answered 503
//   (HubSpot retries).
export interface UnverifiedBudgetLimits {
  maxBytes: number;
  maxRequests: number;
  /** A holder younger than this is never evicted. */
  evictAfterMs: number;
}

export const SMALL_BODY_BYTES = 128 * 1024;
const SMALL_SHARE = 0.25;

export interface UnverifiedBudget {
  /**
   * A place for a body of `bytes`, or null (answer 503). `onEvict` is called if the place is later
   * taken away for a newcomer; the caller then drops the request. `release` is idempotent.
   */
  tryAcquire(bytes: number, onEvict: () => void): { release: () => void } | null;
  inFlight(): { requests: number; bytes: number };
}

interface Holder {
  bytes: number;
  since: number;
  onEvict: () => void;
}

export function createUnverifiedBudget(limits: UnverifiedBudgetLimits, now: () => number = Date.now): UnverifiedBudget {
  // A Map keeps insertion order: the first entry is the oldest holder.
  const holders = new Map<number, Holder>();
  let bytesHeld = 0;
  let nextId = 0;
  const drop = (id: number): void => {
    const holder = holders.get(id);
    if (!holder) return;
    holders.delete(id);
    bytesHeld -= holder.bytes;
  };
  // A large body sees the budget without the small bodies' share.
  const limitsFor = (bytes: number): { requests: number; bytes: number } => (bytes <= SMALL_BODY_BYTES
    ? { requests: limits.maxRequests, bytes: limits.maxBytes }
    : { requests: Math.max(1, Math.floor(limits.maxRequests * (1 - SMALL_SHARE))), bytes: Math.floor(limits.maxBytes * (1 - SMALL_SHARE)) });
  return {
    tryAcquire(bytes, onEvict) {
      const cap = limitsFor(bytes);
      const fits = (): boolean => holders.size < cap.requests && bytesHeld + bytes <= cap.bytes;
      if (bytes > cap.bytes) return null;
      const at = now();
      while (!fits()) {
        const [oldestId, oldest] = holders.entries().next().value ?? [];
        if (oldestId === undefined || !oldest || at - oldest.since < limits.evictAfterMs) return null;
        drop(oldestId);
        oldest.onEvict();
      }
      const id = nextId++;
      holders.set(id, { bytes, since: at, onEvict });
      bytesHeld += bytes;
      return { release: () => drop(id) };
    },
    inFlight: () => ({ requests: holders.size, bytes: bytesHeld }),
  };
}
