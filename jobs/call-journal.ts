// What a flush step has already asked of HubSpot (and which dirty marks it took), kept so that a
// job that gave its worker slot back for want of call budget resumes where it stopped instead of
// spending its portal's calls again. A step is the unit the flush already makes safe to redo after
// a crash (take marks, call HubSpot, write, clear the marks taken); replaying it from the journal
// is that same redo, minus the calls. The journal is emptied when a step ends, so it holds at most
// one step's answers (one round: 100 companies and their deals), and it travels in the job's data
// only when the job yields.
import { createHash } from 'node:crypto';
import { NoBudgetError } from '../src/hubspot/rate-limiter.ts';
import type { CrmPort } from './crm-port.ts';

/** A wait for budget shorter than this is slept in the slot: giving it back costs about as much. */
export const IN_SLOT_WAIT_MS = 2000;

type Tagged = { $map: [unknown, unknown][] } | { $set: unknown[] };

const encode = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? { $map: [...v] } : v instanceof Set ? { $set: [...v] } : v));

const decode = (text: string): unknown =>
  JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && ('$map' in v || '$set' in v)) {
      const t = v as Tagged;
      return '$map' in t ? new Map(t.$map) : new Set(t.$set);
    }
    return v;
  });

export class CallJournal {
  private readonly answers = new Map<string, unknown>();

  /** A journal saved by `toJSON` (undefined or anything else: an empty one). */
  static from(saved: unknown): CallJournal {
    const journal = new CallJournal();
    if (saved && typeof saved === 'object') {
      for (const [key, text] of Object.entries(saved)) if (typeof text === 'string') journal.answers.set(key, decode(text));
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
  }

  /** The step ended: what it asked is no longer needed. */
  clear(): void {
    this.answers.clear();
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.answers].map(([key, value]) => [key, encode(value)]));
  }
}

const keyOf = (method: string, args: unknown[]): string => `${method}:${createHash('sha1').update(encode(args)).digest('base64url')}`;

/**
 * The CRM seen through a journal: an answer already recorded is replayed; a new call first checks
 * the portal's budget and, when none is left for a while, throws NoBudgetError before spending
 * anything, so the job can give its slot back. Writes that report failures are not recorded (the
 * retry must try them again). Paging (the full pass) goes straight through.
 *
 * The play ledger is written around task creation (pending before, created after), so a resumed
 * step asks HubSpot about its own tasks: whether a pending one exists, whether a created one is
 * still open. The journal knows both answers for tasks of this step: a creation that gave way to
 * the budget was never sent (nothing to find), and a task it created seconds ago is open, as an
 * uninterrupted step would have assumed by not asking.
 */
export function journaledCrm(crm: CrmPort, journal: CallJournal, budget: { portalId: string; waitMs: () => Promise<number> }): CrmPort {
  const guard = async <T>(method: string, args: unknown[], call: () => Promise<T>, keep?: (answer: T) => boolean): Promise<T> =>
    journal.once(keyOf(method, args), async () => {
      const wait = await budget.waitMs();
      if (wait > IN_SLOT_WAIT_MS) throw new NoBudgetError(budget.portalId, wait);
      return call();
    }, keep);
  const unsent = (): Set<string> => journal.peek<Set<string>>(UNSENT) ?? new Set();
  const createdHere = (): Map<string, string> => journal.peek<Map<string, string>>(CREATED) ?? new Map();
  return {
    readCompanies: (ids, properties) => guard('readCompanies', [ids, properties], () => crm.readCompanies(ids, properties)),
    readDeals: (ids, properties) => guard('readDeals', [ids, properties], () => crm.readDeals(ids, properties)),
    companyIdsForDeals: (ids) => guard('companyIdsForDeals', [ids], () => crm.companyIdsForDeals(ids)),
    dealIdsForCompanies: (ids) => guard('dealIdsForCompanies', [ids], () => crm.dealIdsForCompanies(ids)),
    pageCompanies: (properties) => crm.pageCompanies(properties),
    companyParents: (ids) => guard('companyParents', [ids], () => crm.companyParents(ids)),
    companyContacts: (ids, properties) => guard('companyContacts', [ids, properties], () => crm.companyContacts(ids, properties)),
    companyIdsForContacts: (ids) => guard('companyIdsForContacts', [ids], () => crm.companyIdsForContacts(ids)),
    dealLineItems: (ids, items) => guard('dealLineItems', [ids, items], () => crm.dealLineItems(ids, items)),
    readProducts: (ids, properties) => guard('readProducts', [ids, properties], () => crm.readProducts(ids, properties)),
    updateCompanies: (updates) => guard('updateCompanies', [updates], () => crm.updateCompanies(updates), (r) => r.failed.length === 0),
    async createTasks(tasks) {
      try {
        const result = await guard('createTasks', [tasks], () => crm.createTasks(tasks), (r) => r.failed.length === 0);
        journal.put(CREATED, new Map([...createdHere(), ...result.created]));
        return result;
      } catch (err) {
        if (err instanceof NoBudgetError) journal.put(UNSENT, new Set([...unsent(), ...tasks.map((t) => t.playKey)]));
        throw err;
      }
    },
    async findTasksByPlayKey(keys) {
      const ask = keys.filter((k) => !unsent().has(k));
      return ask.length ? guard('findTasksByPlayKey', [ask], () => crm.findTasksByPlayKey(ask)) : new Map();
    },
    async openTasks(ids) {
      const mine = new Set(createdHere().values());
      const ask = ids.filter((id) => !mine.has(id));
      const open = ask.length ? await guard('openTasks', [ask], () => crm.openTasks(ask)) : new Set<string>();
      return new Set([...ids.filter((id) => mine.has(id)), ...open]);
    },
  };
}

const UNSENT = 'unsent-play-keys';
const CREATED = 'created-tasks';
