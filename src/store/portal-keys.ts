// The name of every Redis key a portal owns, in one place. Each carries the portal id as its Redis
// Cluster hash tag (`kam:{24681357}:inputs`): a portal's keys share one slot, so its Lua scripts
// and MULTIs work on a cluster, and different portals spread over the cluster's masters. The
// queues and the few global keys (installed portals, the dirty-portal index, dead letters,
// statistics) keep QUEUE_PREFIX and its own tag (`{kam}:…`); the braces of QUEUE_PREFIX are
// dropped here, since a key takes the first `{…}` as its tag.
//
// Adding a key a portal owns means adding it here: removal (remove-portal-state.ts), the memory
// measure and the uninstall test read this list.

const PORTAL_ID = /^\d{1,20}$/;

/** Portal ids become parts of Redis keys: only digits are accepted. */
export function assertPortalId(portalId: string): void {
  if (!PORTAL_ID.test(portalId)) throw new Error(`invalid portal id: ${JSON.stringify(portalId).slice(0, 40)}`);
}

export interface PortfolioKeys {
  priority: string;
  keyStrategic: string;
  keyOther: string;
  /** The previous layout's one axes hash (fields zero-padded ids): read and drained by portfolio-state.ts. */
  axes: string;
  /** Each company's axes, in up to AXES_BUCKETS hashes by a stable hash of its id (portfolio-state.ts says why); every possible one is named. */
  axesBuckets: string[];
  totals: string;
  /** Account groups (§8): child → stated parent and parent → its children, in LINK_BUCKETS small hashes (group-links.ts). */
  links: string[];
  /** The peer mix of product lines by industry (§9), a portfolio figure held until the next pass. */
  peerMix: string;
}

/**
 * At most this many axes buckets: enough that a bucket stays a listpack (≤ 128 fields, Redis's
 * default) up to 32,768 companies. A full pass sizes a portal's buckets to its company count
 * (axesBucketsFor), since every key costs about 100 bytes of its own: a 100-company portal spread
 * over 100 one-field buckets would spend more on keys than on axes.
 */
export const AXES_BUCKETS = 256;
/** Companies a bucket is sized for: half a listpack, so a portal can double between passes and stay compact. */
const AXES_PER_BUCKET = 64;

/** The bucket count a full pass gives a portal of this many companies: a power of two, 1 to AXES_BUCKETS. */
export function axesBucketsFor(companies: number): number {
  let buckets = 1;
  while (buckets < AXES_BUCKETS && buckets * AXES_PER_BUCKET < companies) buckets *= 2;
  return buckets;
}

/**
 * The parent links' buckets: a listpack each up to about 4,000 linked companies (a 5,000-company
 * portal with a third of its companies in groups holds about 60 fields a bucket), and few keys for
 * a small portal.
 */
export const LINK_BUCKETS = 32;

const portfolioKeysAt = (base: string): PortfolioKeys => ({
  priority: `${base}:priority`, keyStrategic: `${base}:key-strategic`, keyOther: `${base}:key-other`, axes: `${base}:axes`,
  axesBuckets: Array.from({ length: AXES_BUCKETS }, (_, i) => `${base}:axes:${i}`), totals: `${base}:totals`,
  links: Array.from({ length: LINK_BUCKETS }, (_, i) => `${base}:links:${i}`), peerMix: `${base}:peer-mix`,
});

/** `kam:{24681357}`: every key of the portal starts with this. */
export function portalKeyBase(prefix: string, portalId: string): string {
  assertPortalId(portalId);
  return `${prefix.replace(/[{}]/g, '')}:{${portalId}}`;
}

/** Portals whose key names are kept built (every Redis call names some; building ~40 strings each time showed in the worker's profile). */
const KEPT_PORTALS = 10_000;
const built = new Map<string, PortalKeys>();

export type PortalKeys = Readonly<ReturnType<typeof buildPortalKeys>>;

export function portalKeys(prefix: string, portalId: string): PortalKeys {
  const id = `${prefix}\u0000${portalId}`;
  let keys = built.get(id);
  if (!keys) {
    if (built.size >= KEPT_PORTALS) built.clear();
    keys = Object.freeze(buildPortalKeys(prefix, portalId));
    built.set(id, keys);
  }
  return keys;
}

function buildPortalKeys(prefix: string, portalId: string) {
  const base = portalKeyBase(prefix, portalId);
  return {
    // What needs recomputing (dirty-marks.ts).
    dirtyCompanies: `${base}:dirty-companies`,
    dirtyCompanyVersions: `${base}:dirty-companies-ver`,
    dirtyDeals: `${base}:dirty-deals`,
    dirtyDealVersions: `${base}:dirty-deals-ver`,
    deletedDeals: `${base}:deleted-deals`,
    dirtyContacts: `${base}:dirty-contacts`,
    dirtyContactVersions: `${base}:dirty-contacts-ver`,
    retiredCompanies: `${base}:retired-companies`,
    dirtySeq: `${base}:dirty-seq`,
    // What the jobs learned (deal-companies.ts, stale-deals.ts).
    dealCompanies: `${base}:deal-companies`,
    staleDeals: `${base}:stale-deals`,
    // Each product's line (product-lines-known.ts): a catalogue, read once a pass.
    productLines: `${base}:product-lines`,
    // Companies whose contacts' roles a flush must read again (stale-roles.ts).
    staleRoles: `${base}:stale-roles`,
    // Companies whose deal or parent links a flush must read again (stale-links.ts).
    staleLinks: `${base}:stale-links`,
    // The scored portfolio and its inputs; a full pass builds the `rebuild` ones and swaps them in.
    portfolio: portfolioKeysAt(`${base}:pf`),
    inputs: `${base}:inputs`,
    rebuild: { portfolio: portfolioKeysAt(`${base}:rebuild:pf`), inputs: `${base}:rebuild:inputs` },
    passParking: `${base}:pass`,
    // One pass at a time, and what flushes recomputed while it ran (portal-lock.ts, flushed-during-pass.ts).
    passLock: `${base}:pass-lock`,
    passFlushed: `${base}:pass-flushed`,
    plays: `${base}:plays`,
    // What we last wrote to HubSpot's own account fields, per company (account-fields-written.ts).
    accountFieldsWritten: `${base}:account-fields`,
    settings: `${base}:settings`,
    // What provisioning learned: the depth properties' version, the company currency (portal-profile.ts).
    profile: `${base}:profile`,
    // Every change of the settings, the last 100 (settings-store.ts).
    settingsHistory: `${base}:settings-history`,
    lock: `${base}:lock`,
    // Set briefly by a worker waiting for a lock, so a holder that gives way knows (portal-lock.ts's lockWantedKey).
    lockWaiters: [`${base}:lock:wanted`, `${base}:pass-lock:wanted`, `${base}:tokens:refresh-lock:wanted`],
    // The HubSpot side: install record, tokens, call counts, rate-limit windows.
    install: `${base}:install`,
    tokens: `${base}:tokens`,
    tokenRefreshLock: `${base}:tokens:refresh-lock`,
    calls: `${base}:calls`,
    // Each bucket's window, its pause after a 429, and its "someone waits for budget" flag (rate-limiter.ts).
    rateLimit: {
      api: `${base}:rl:api`, apiPause: `${base}:rl:api:pause`, apiWanted: `${base}:rl:api:wanted`,
      search: `${base}:rl:search`, searchPause: `${base}:rl:search:pause`, searchWanted: `${base}:rl:search:wanted`,
    },
  };
}


/** A global sorted set, portal → HubSpot calls (call-counter.ts): removal takes the portal's member out. */
export const callRankingKey = (prefix: string): string => `${prefix}:calls-by-portal`;

/** Every key named above, flat (removal, the memory measure). */
export function allPortalKeys(prefix: string, portalId: string): string[] {
  const flat = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Object.values(value as Record<string, unknown>).flatMap(flat);
  return flat(portalKeys(prefix, portalId));
}
