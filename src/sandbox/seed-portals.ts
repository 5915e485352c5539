// Fills many sandbox portals at once, one generated portfolio per size: the first size goes to the
// sandbox portal, the next ones to portals numbered after it (or to the ids given). Each portal
// gets its own seed and its own id range (HubSpot's record ids are unique across portals, so a
// record that leaked into another portal's answer would show up as an id that portal never had).
import { seedPortfolio, type SeedOptions, type SeedResult } from './seed-portfolio.ts';
import type { SandboxStore } from './sandbox-store.ts';

export interface SeedPortalsOptions extends Omit<SeedOptions, 'count' | 'firstId'> {
  /** Companies per portal, one entry per portal. */
  sizes: readonly number[];
  /** The portals' ids (default: the sandbox portal, then its id + 1, + 2, …). */
  portalIds?: readonly string[];
}

export interface SeededPortal extends SeedResult {
  portalId: string;
}

/** Ids of portal i start at 1001 + i × this, so no two portals share a company or a deal id. */
export const PORTAL_ID_RANGE = 1_000_000;

export function seedPortals(
  sandbox: { portalId: string; portal(portalId: string): SandboxStore },
  options: SeedPortalsOptions,
): SeededPortal[] {
  const { sizes, portalIds, ...seed } = options;
  if (portalIds && portalIds.length < sizes.length) throw new Error(`${sizes.length} sizes but only ${portalIds.length} portal ids`);
  if (sizes.some((n) => n > PORTAL_ID_RANGE)) throw new Error(`a portal holds at most ${PORTAL_ID_RANGE} companies here`);
  return sizes.map((count, i) => {
    const portalId = portalIds?.[i] ?? String(Number(sandbox.portalId) + i);
    const result = seedPortfolio(sandbox.portal(portalId), { ...seed, count, seed: (seed.seed ?? 1) + i, firstId: 1001 + i * PORTAL_ID_RANGE });
    return { portalId, ...result };
  });
}
