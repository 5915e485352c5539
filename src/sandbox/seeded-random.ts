// The generators' one source of randomness: a seeded PRNG that gives the same sequence on every
// platform, and the two draws they make with it.

export type Random = () => number;

/** mulberry32: 32-bit state, good enough spread for test data, identical on every platform. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
export const chance = (rnd: Random, p: number): boolean => rnd() < p;
