// The peer mix of product lines by industry (scoring-model.md §9): a portfolio figure the full pass
// works out and the flushes use until the next pass (as the profit target 'auto'). A few lines per
// industry; it belongs to the portfolio state, so a pass builds it aside and swaps it in with it.
import type { PeerMix } from '../model/index.ts';
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

export class PeerMixStore {
  private readonly key: string;

  constructor(private readonly redis: RedisClient, prefix: string, portalId: string, variant: 'live' | 'rebuild' = 'live') {
    const k = portalKeys(prefix, portalId);
    this.key = (variant === 'live' ? k.portfolio : k.rebuild.portfolio).peerMix;
  }

  /** Null before a pass worked one out, or when no won deal's line items were read. */
  async get(): Promise<PeerMix | null> {
    const raw = await this.redis.get(this.key);
    if (!raw) return null;
    const { byIndustry, all } = JSON.parse(raw) as { byIndustry: [string, [string, number][]][]; all: [string, number][] };
    return { byIndustry: new Map(byIndustry.map(([industry, lines]) => [industry, new Map(lines)])), all: new Map(all) };
  }

  async set(mix: PeerMix | null): Promise<void> {
    if (mix === null) await this.redis.del(this.key);
    else await this.redis.set(this.key, JSON.stringify({ byIndustry: [...mix.byIndustry].map(([i, m]) => [i, [...m]]), all: [...mix.all] }));
  }
}
