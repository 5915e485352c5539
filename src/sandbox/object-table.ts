// The records of one object type in one portal: live ones by id, archived ones kept for restore,
// and an id-ordered index for paging (HubSpot pages objects by ascending id, `after` being the id
// of the next record). New ids go past the highest id seen, so the index stays sorted on append
// and is only rebuilt after an out-of-order insert or many deletions.
import type { ObjectType, StoredRecord } from './sandbox-types.ts';

export interface TablePage {
  records: StoredRecord[];
  /** Id of the first record of the next page; undefined on the last page. */
  nextAfter?: string;
}

export class ObjectTable {
  private readonly live = new Map<string, StoredRecord>();
  private readonly archived = new Map<string, StoredRecord>();
  private order: number[] = [];
  private sorted = true;
  private holes = 0;
  private maxId = 0;

  constructor(
    readonly type: ObjectType,
    private readonly firstId: number,
  ) {}

  get size(): number {
    return this.live.size;
  }

  get(id: string): StoredRecord | undefined {
    return this.live.get(id);
  }

  getArchived(id: string): StoredRecord | undefined {
    return this.archived.get(id);
  }

  values(): IterableIterator<StoredRecord> {
    return this.live.values();
  }

  /** The id the next created record gets. */
  nextId(): string {
    return String(Math.max(this.maxId + 1, this.firstId));
  }

  insert(record: StoredRecord): void {
    const n = Number(record.id);
    this.live.set(record.id, record);
    this.archived.delete(record.id);
    if (n > this.maxId) {
      if (this.sorted) this.order.push(n);
      this.maxId = n;
    } else {
      this.sorted = false;
    }
  }

  /** Moves a live record to the archive; undefined when it is not live. */
  archive(id: string): StoredRecord | undefined {
    const record = this.live.get(id);
    if (!record) return undefined;
    this.live.delete(id);
    this.archived.set(id, record);
    this.holes += 1;
    if (this.holes > 1000 && this.holes > this.order.length / 4) this.sorted = false;
    return record;
  }

  /** Moves an archived record back; undefined when there is none. */
  restore(id: string): StoredRecord | undefined {
    const record = this.archived.get(id);
    if (!record) return undefined;
    this.archived.delete(id);
    this.live.set(id, record);
    this.sorted = false;
    return record;
  }

  private ensureOrder(): void {
    if (this.sorted) return;
    this.order = [...this.live.keys()].map(Number).sort((a, b) => a - b);
    this.sorted = true;
    this.holes = 0;
  }

  /** Up to `limit` live records with id ≥ `after`, in id order. */
  page(after: string | undefined, limit: number): TablePage {
    this.ensureOrder();
    const from = after === undefined ? 0 : lowerBound(this.order, Number(after));
    const records: StoredRecord[] = [];
    for (let i = from; i < this.order.length; i++) {
      const record = this.live.get(String(this.order[i]));
      if (!record) continue;
      if (records.length === limit) return { records, nextAfter: record.id };
      records.push(record);
    }
    return { records };
  }
}

function lowerBound(sortedIds: number[], value: number): number {
  if (!Number.isFinite(value)) return sortedIds.length;
  let lo = 0;
  let hi = sortedIds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedIds[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
