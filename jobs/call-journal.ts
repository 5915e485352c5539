// What a flush step has already asked of HubSpot (and which dirty marks it took), kept so that a
// job that gave its worker slot back for want of call budget resumes where it stopped instead of
// spending its portal's calls again. A step is the unit the flush already makes safe to redo after
// a crash (take marks, call HubSpot, write, clear the marks taken); replaying it from the journal
// is that same redo, minus the calls. The journal is emptied when a step ends, so it holds at most
// one step's answers (one round: 100 companies and their deals), and it travels in the job's data
// only when the job yields.
import { createHash } from 'node:crypto';
import { chunk, mapLimit, unique } from '../src/hubspot/chunk.ts';
import { NoBudgetError } from '../src/hubspot/rate-limiter.ts';
import type { RecordInput } from '../src/model/index.ts';
import type { BatchedMethod, CallSizes, CrmPort } from './crm-port.ts';

/**
 * A wait for budget shorter than this is slept in the slot (giving it back costs about as much);
 * a flush's HubSpot client throws rather than wait longer (src/worker.ts).
 */
export const IN_SLOT_WAIT_MS = 2000;

type Tagged = { $map: [unknown, unknown][] } | { $set: unknown[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const tag = (v: unknown): unknown => (v instanceof Map ? { $map: [...v] } : v instanceof Set ? { $set: [...v] } : v);
const untag = (v: unknown): unknown => {
  if (!isPlainObject(v)) return v;
  if ('$map' in v) return new Map((v as Tagged & { $map: [unknown, unknown][] }).$map);
  if ('$set' in v) return new Set((v as Tagged & { $set: unknown[] }).$set);
  return v;
};
const eachValue = (v: Record<string, unknown>, f: (x: unknown) => unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)]));

// An answer is records, a Map or a Set of them, or an object holding those (a write's result): a
// Map or a Set sits at most one level down, so only those two levels are tagged and restored. A
// JSON reviver visiting every value of every record was a resumed flush's largest cost.
const encode = (value: unknown): string => JSON.stringify(isPlainObject(value) ? eachValue(value, tag) : tag(value));

const decode = (text: string): unknown => {
  const value = untag(JSON.parse(text));
  return isPlainObject(value) ? eachValue(value, untag) : value;
};

export class CallJournal {
  private readonly answers = new Map<string, unknown>();
  /** The saved text of answers read back from a saved journal: saved again as they were, not encoded anew. */
  private readonly saved = new Map<string, string>();

  /** A journal saved by `toJSON` (undefined or anything else: an empty one). */
  static from(saved: unknown): CallJournal {
    const journal = new CallJournal();
    if (saved && typeof saved === 'object') {
      for (const [key, text] of Object.entries(saved)) {
        if (typeof text !== 'string') continue;
        journal.answers.set(key, decode(text));
        journal.saved.set(key, text);
      }
    }
    return journal;
  }

  get size(): number {
    return this.answers.size;
  }

  has(key: string): boolean {
    return this.answers.has(key);
  }

  /** The answer recorded under `key`, or runs `work` and records its answer (unless `keep` refuses it). */
  async once<T>(key: string, work: () => Promise<T>, keep: (answer: T) => boolean = () => true): Promise<T> {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const answer = await work();
    if (keep(answer)) this.answers.set(key, answer);
    return answer;
  }

  /** What is recorded under `key`, if anything (no call is made). */
  peek<T>(key: string): T | undefined {
    return this.answers.get(key) as T | undefined;
  }

  put(key: string, value: unknown): void {
    this.answers.set(key, value);
    this.saved.delete(key);
  }

  /** The step ended: what it asked is no longer needed. */
  clear(): void {
    this.answers.clear();
    this.saved.clear();
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.answers].map(([key, value]) => [key, this.saved.get(key) ?? encode(value)]));
  }
}

const keyOf = (method: string, args: unknown[]): string => `${method}:${createHash('sha1').update(encode(args)).digest('base64url')}`;

/** Batches of one method in flight at once (as many as the HubSpot client runs). */
const BATCHES_AT_ONCE = 3;

const merged = <K, V>(maps: readonly Map<K, V>[]): Map<K, V> => new Map(maps.flatMap((m) => [...m]));

/**
 * The CRM seen through a journal, one CRM call at a time: each method's input is cut into the
 * batches one call takes (the port's `callSizes`), and each batch's answer is recorded apart, so a
 * job that gave its slot back in the middle of a method (its client throws NoBudgetError or a
 * RateLimitedError rather than wait long) resumes with the batches it already has and spends no
 * call twice. Writes that report failures are not recorded (the retry must try them again).
 * Paging (the full pass) goes straight through.
 *
 * The play ledger is written around task creation (pending before, created after), so a resumed
 * step asks HubSpot about its own tasks: whether a pending one exists, whether a created one is
 * still open. The journal knows both answers for tasks of this step: a creation that gave way to
 * the budget was never sent (nothing to find), and a task it created seconds ago is open, as an
 * uninterrupted step would have assumed by not asking.
 */
export function journaledCrm(crm: CrmPort, journal: CallJournal): CrmPort {
  const sizes: CallSizes = crm.callSizes ?? {};
  /**
   * `call` over `items` one batch at a time (a few at once), each batch answered from the journal
   * when it was asked before. Every batch started settles before an error is thrown, so no answer
   * HubSpot gave is missing from the journal the job saves when it yields.
   */
  async function batched<I, T>(method: BatchedMethod, items: readonly I[], also: unknown[], call: (batch: I[]) => Promise<T>, keep?: (answer: T) => boolean): Promise<T[]> {
    const batches = chunk(items, sizes[method] ?? Math.max(1, items.length));
    const settled = await mapLimit(batches, BATCHES_AT_ONCE, (batch) =>
      journal.once(keyOf(method, [batch, ...also]), () => call(batch), keep).then((value) => ({ value }), (error: unknown) => ({ error })));
    const failure = settled.find((s): s is { error: unknown } => 'error' in s);
    if (failure) throw failure.error;
    return settled.map((s) => (s as { value: T }).value);
  }
  const records = async (method: BatchedMethod, ids: readonly string[], also: unknown[], read: (batch: string[]) => Promise<RecordInput[]>): Promise<RecordInput[]> =>
    (await batched(method, unique(ids), also, read)).flat();
  const mapped = async <V>(method: BatchedMethod, ids: readonly string[], also: unknown[], read: (batch: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> =>
    merged(await batched(method, unique(ids), also, read));
  const unsent = (): Set<string> => journal.peek<Set<string>>(UNSENT) ?? new Set();
  const createdHere = (): Map<string, string> => journal.peek<Map<string, string>>(CREATED) ?? new Map();
  return {
    readCompanies: (ids, properties) => records('readCompanies', ids, [properties], (batch) => crm.readCompanies(batch, properties)),
    readDeals: (ids, properties) => records('readDeals', ids, [properties], (batch) => crm.readDeals(batch, properties)),
    readProducts: (ids, properties) => records('readProducts', ids, [properties], (batch) => crm.readProducts(batch, properties)),
    companyIdsForDeals: (ids) => mapped('companyIdsForDeals', ids, [], (batch) => crm.companyIdsForDeals(batch)),
    dealIdsForCompanies: (ids) => mapped('dealIdsForCompanies', ids, [], (batch) => crm.dealIdsForCompanies(batch)),
    pageCompanies: (properties) => crm.pageCompanies(properties),
    companyParents: (ids) => mapped('companyParents', ids, [], (batch) => crm.companyParents(batch)),
    companyContacts: (ids, properties) => mapped('companyContacts', ids, [properties], (batch) => crm.companyContacts(batch, properties)),
    companyIdsForContacts: (ids) => mapped('companyIdsForContacts', ids, [], (batch) => crm.companyIdsForContacts(batch)),
    dealLineItems: (ids, items) => mapped('dealLineItems', ids, [items], (batch) => crm.dealLineItems(batch, items)),
    async updateCompanies(updates) {
      const answers = await batched('updateCompanies', updates, [], (batch) => crm.updateCompanies(batch), (r) => r.failed.length === 0);
      return { failed: answers.flatMap((a) => a.failed) };
    },
    async createTasks(tasks) {
      const answers = await batched('createTasks', tasks, [], async (batch) => {
        try {
          const result = await crm.createTasks(batch);
          journal.put(CREATED, new Map([...createdHere(), ...result.created]));
          return result;
        } catch (err) {
          if (err instanceof NoBudgetError) journal.put(UNSENT, new Set([...unsent(), ...batch.map((t) => t.playKey)]));
          throw err;
        }
      }, (r) => r.failed.length === 0);
      return { created: merged(answers.map((a) => a.created)), failed: answers.flatMap((a) => a.failed) };
    },
    async findTasksByPlayKey(keys) {
      const ask = keys.filter((k) => !unsent().has(k));
      return merged(await batched('findTasksByPlayKey', ask, [], (batch) => crm.findTasksByPlayKey(batch)));
    },
    async openTasks(ids) {
      const mine = new Set(createdHere().values());
      const ask = ids.filter((id) => !mine.has(id));
      const open = await batched('openTasks', ask, [], (batch) => crm.openTasks(batch));
      return new Set([...ids.filter((id) => mine.has(id)), ...open.flatMap((o) => [...o])]);
    },
  };
}

const UNSENT = 'unsent-play-keys';
const CREATED = 'created-tasks';
