// The model inputs of every company of a portal, as last read from HubSpot (company input
// properties and its deals). The portfolio page and the what-if score from these, so they show
// exactly what `kam score` shows on the same data, without a single HubSpot call.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { redisScript } from './redis-script.ts';
import type { CompanyInput } from '../model/index.ts';
import { decodeInputs, encodeInputs } from './compact-inputs.ts';

// KEYS: source, target. The target becomes the source (deleted when the source does not exist).
const MOVE = redisScript("if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('RENAME', KEYS[1], KEYS[2]) end return redis.call('DEL', KEYS[2])");

export class PortfolioInputs {
  private readonly key: string;

  /** The portal's live inputs, or (`rebuild`) the ones a full pass builds aside. */
  constructor(private readonly redis: RedisClient, prefix: string, portalId: string, variant: 'live' | 'rebuild' = 'live') {
    const k = portalKeys(prefix, portalId);
    this.key = variant === 'live' ? k.inputs : k.rebuild.inputs;
  }

  async save(companies: readonly CompanyInput[]): Promise<void> {
    if (companies.length === 0) return;
    const fields = companies.flatMap((c) => [c.id, encodeInputs(c)]);
    await this.redis.hset(this.key, ...fields);
  }

  async remove(companyIds: readonly string[]): Promise<void> {
    if (companyIds.length) await this.redis.hdel(this.key, ...companyIds);
  }

  /** The stored inputs of these companies (absent ones are left out). */
  async getMany(companyIds: readonly string[]): Promise<Map<string, CompanyInput>> {
    if (companyIds.length === 0) return new Map();
    const values = await this.redis.hmgetBuffer(this.key, ...companyIds);
    return new Map(companyIds.flatMap((id, i) => {
      const company = values[i] ? decodeInputs(id, values[i]!) : null;
      return company ? [[id, company] as const] : [];
    }));
  }

  /** Every stored company, streamed in chunks so a large portal never sits in one reply. */
  async *all(chunk = 1000): AsyncIterable<CompanyInput[]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscanBuffer(this.key, cursor, 'COUNT', chunk);
      cursor = next.toString();
      const page: CompanyInput[] = [];
      for (let i = 1; i < flat.length; i += 2) {
        const company = decodeInputs(flat[i - 1]!.toString(), flat[i]!);
        if (company) page.push(company);
      }
      if (page.length) yield page;
    } while (cursor !== '0');
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.key);
  }

  /** Makes these inputs the target's (a full pass rebuilds them aside, then swaps them in). */
  async moveTo(target: PortfolioInputs): Promise<void> {
    await MOVE.run(this.redis, [this.key, target.key], []);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
