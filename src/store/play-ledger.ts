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

/**
 * The marker a play's task carries (kam_play_key): unique per creation, and what a retry looks the
 * task up by in HubSpot.
 */
export const playMarker = (portalId: string, companyId: string, kind: string, at: number): string => `${portalId}-${companyId}-${kind}-${at}`;

// A record as `state|at in base 36|task id`, plus `|marker` only when the marker is not the one
// playMarker makes from the field and `at`: about 25 bytes where its JSON took 110, so a portal's
// ledger of up to 128 plays stays a listpack (every value ≤ 64 bytes) instead of a hashtable
// (quality.md P6d). Records written as JSON still read.
const STATES = { p: 'pending', c: 'created' } as const;

function encode(portalId: string, companyId: string, kind: string, record: PlayRecord): string {
  const parts = [record.state[0], record.at.toString(36), record.taskId ?? ''];
  if (record.playKey !== playMarker(portalId, companyId, kind, record.at)) parts.push(record.playKey);
  return parts.join('|');
}

function decode(portalId: string, companyId: string, kind: string, value: string): PlayRecord {
  if (value.startsWith('{')) return JSON.parse(value) as PlayRecord;
  const [state, at36, taskId, ...marker] = value.split('|');
  const at = parseInt(at36!, 36);
  const record: PlayRecord = { state: STATES[state as keyof typeof STATES], playKey: marker.length ? marker.join('|') : playMarker(portalId, companyId, kind, at), at };
  if (taskId) record.taskId = taskId;
  return record;
}

export class PlayLedger {
  private readonly key: string;

  constructor(private readonly redis: RedisClient, prefix: string, private readonly portalId: string) {
    this.key = portalKeys(prefix, portalId).plays;
  }

  async get(items: readonly { companyId: string; kind: string }[]): Promise<(PlayRecord | null)[]> {
    if (items.length === 0) return [];
    const values = await this.redis.hmget(this.key, ...items.map((i) => field(i.companyId, i.kind)));
    return values.map((v, i) => (v ? decode(this.portalId, items[i]!.companyId, items[i]!.kind, v) : null));
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
    await this.redis.hset(this.key, ...entries.flatMap((e) => [field(e.companyId, e.kind), encode(this.portalId, e.companyId, e.kind, e.record)]));
  }

  async forgetCompanies(companyIds: readonly string[], kinds: readonly string[]): Promise<void> {
    const fields = companyIds.flatMap((c) => kinds.map((k) => field(c, k)));
    if (fields.length) await this.redis.hdel(this.key, ...fields);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
