// Which play tasks we created for which company, so that each company has at most one open task
// per play across retries, crashes and workers. A task is recorded as pending (with the marker
// it will carry) before it is created, and as created with its id after.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';

export interface PlayRecord {
  state: 'pending' | 'created';
  /** The marker stored on the task (kam_play_key), unique per creation. */
  playKey: string;
  taskId?: string;
  /** When the task was created (or the attempt began), epoch ms. */
  at: number;
}

const field = (companyId: string, kind: string): string => `${companyId}:${kind}`;

export class PlayLedger {
  private readonly key: string;

  constructor(private readonly redis: RedisClient, prefix: string, portalId: string) {
    this.key = portalKeys(prefix, portalId).plays;
  }

  async get(items: readonly { companyId: string; kind: string }[]): Promise<(PlayRecord | null)[]> {
    if (items.length === 0) return [];
    const values = await this.redis.hmget(this.key, ...items.map((i) => field(i.companyId, i.kind)));
    return values.map((v) => (v ? (JSON.parse(v) as PlayRecord) : null));
  }

  /** Every record of these companies, by company then kind (for the play history). */
  async forCompanies(companyIds: readonly string[], kinds: readonly string[]): Promise<Map<string, Map<string, PlayRecord>>> {
    const items = companyIds.flatMap((companyId) => kinds.map((kind) => ({ companyId, kind })));
    const records = await this.get(items);
    const out = new Map<string, Map<string, PlayRecord>>();
    items.forEach((item, i) => {
      const record = records[i];
      if (!record) return;
      const byKind = out.get(item.companyId) ?? new Map<string, PlayRecord>();
      byKind.set(item.kind, record);
      out.set(item.companyId, byKind);
    });
    return out;
  }

  async put(entries: readonly { companyId: string; kind: string; record: PlayRecord }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.hset(this.key, ...entries.flatMap((e) => [field(e.companyId, e.kind), JSON.stringify(e.record)]));
  }

  async forgetCompanies(companyIds: readonly string[], kinds: readonly string[]): Promise<void> {
    const fields = companyIds.flatMap((c) => kinds.map((k) => field(c, k)));
    if (fields.length) await this.redis.hdel(this.key, ...fields);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
