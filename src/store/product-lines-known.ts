// The product line of each product the jobs have read (scoring-model.md §9): its kam_product_line,
// else its name ("" when it names neither, or HubSpot no longer has it). Products are a portal's
// catalogue, few and seldom changed: a full pass reads each one it meets once and a flush reads only
// products it has never seen, so a won deal's line items cost no product reads (quality.md P3). A
// product's new line is picked up by the next pass.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

export class ProductLinesKnown {
  private readonly key: string;

  constructor(private readonly redis: RedisClient, prefix: string, portalId: string) {
    this.key = portalKeys(prefix, portalId).productLines;
  }

  /** The known line of each of these products ("" for one that names none); unknown ones are left out. */
  async get(productIds: readonly string[]): Promise<Map<string, string>> {
    if (productIds.length === 0) return new Map();
    const values = await this.redis.hmget(this.key, ...productIds);
    return new Map(productIds.flatMap((id, i) => (values[i] === null ? [] : [[id, values[i]!] as const])));
  }

  async set(lines: ReadonlyMap<string, string>): Promise<void> {
    if (lines.size) await this.redis.hset(this.key, ...[...lines].flat());
  }
}
