// What the webhook door lets in before a signature can be checked: bodies that passed the header
// check but whose bytes have not all arrived. Both their count and their declared bytes are
// bounded, so stalled bodies with plausible (fake) signature headers cost at most the budget.
//
// When the budget is full, the oldest holder that has had `evictAfterMs` to send its body is shed to
// make room: HubSpot sends a batch in milliseconds, so whoever still holds a place after a second is
// stalling, and evicting it keeps the door open to the next real batch. Only when every holder is
// younger than that is the newcomer answered 503 (HubSpot retries).
export interface UnverifiedBudgetLimits {
  maxBytes: number;
  maxRequests: number;
  /** A holder younger than this is never evicted. */
  evictAfterMs: number;
}

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
  const fits = (bytes: number): boolean => holders.size < limits.maxRequests && bytesHeld + bytes <= limits.maxBytes;
  return {
    tryAcquire(bytes, onEvict) {
      if (bytes > limits.maxBytes) return null;
      const at = now();
      while (!fits(bytes)) {
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
