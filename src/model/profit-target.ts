// The profit target 'auto' (scoring-model.md §11): the keyAccountCapacity-th largest expected
// profit with a dedicated team among the existing customers (groups, §8), at least 1. It does not
// depend on the target itself, so about `capacity` accounts pass the large-account test in any
// currency and at any scale. A portfolio figure: worked out in the full pass and held until the next.

export interface ProfitTarget {
  value: number;
  source: 'auto' | 'set';
  /** For 'auto': how many existing customers (groups counted once) it was taken from. */
  customers: number;
}

/**
 * Keeps the k largest values seen, for the k-th largest in one scan with memory bounded by k:
 * a pass feeds it every customer without holding them.
 */
export class LargestValues {
  private readonly heap: number[] = [];
  count = 0;

  constructor(readonly k: number) {}

  add(value: number): void {
    this.count += 1;
    if (!Number.isFinite(value)) return;
    if (this.k <= 0) {
      this.heap[0] = this.heap.length ? Math.max(this.heap[0] as number, value) : value;
      return;
    }
    const h = this.heap;
    if (h.length < this.k) {
      h.push(value);
      this.up(h.length - 1);
    } else if (value > (h[0] as number)) {
      h[0] = value;
      this.down(0);
    }
  }

  /** The k-th largest (the smallest kept when fewer than k); for k = 0 the largest; null when empty. */
  kth(): number | null {
    return this.heap.length ? (this.heap[0] as number) : null;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h[parent] as number) <= (h[i] as number)) return;
      [h[parent], h[i]] = [h[i] as number, h[parent] as number];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && (h[l] as number) < (h[m] as number)) m = l;
      if (r < h.length && (h[r] as number) < (h[m] as number)) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i] as number, h[m] as number];
      i = m;
    }
  }
}

/** 'auto' from the kept values: the k-th largest (k = 0: the largest plus 1), never below 1. */
export function autoProfitTarget(largest: LargestValues): ProfitTarget {
  const kth = largest.kth();
  const value = kth === null ? 1 : largest.k <= 0 ? kth + 1 : kth;
  return { value: Math.max(1, value), source: 'auto', customers: largest.count };
}

/** The target for these settings: the number they name, else 'auto' over these dedicated-team profits. */
export function resolveProfitTarget(setting: number | 'auto', capacity: number, dedicatedProfits: Iterable<number>): ProfitTarget {
  if (setting !== 'auto') return { value: setting, source: 'set', customers: 0 };
  const largest = new LargestValues(capacity);
  for (const v of dedicatedProfits) largest.add(v);
  return autoProfitTarget(largest);
}
