// The account groups of a full pass (scoring-model.md §8), from scratch: once every company is
// parked, the companies that state a parent (and those parents) are resolved into groups, and each
// group of more than one is scored from its members' parked scores and stored inputs, a few
// hundred members at a time. Only grouped companies are held in memory; a portal of companies
// alone holds nothing here.
import {
  compareIds, formGroups, resolveGroups, type AccountGroup, type BaseSettings, type CompanyInput, type CompanyScore, type FormedGroups, type RecordInput,
} from '../src/model/index.ts';
import type { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import type { RedisClient } from '../src/store/redis-client.ts';
import { wasKeyAccount } from '../src/model/index.ts';

interface Parked {
  record: RecordInput;
  score: CompanyScore;
}

/** How many members a pass scores at once (whole groups; a larger group goes alone). */
const MEMBERS_AT_ONCE = 500;

export interface PassGroups extends FormedGroups {
  /** Whether each member of a group was written as key. */
  wasKey: Map<string, boolean>;
}

export const NO_GROUPS: PassGroups = { memberships: null, groups: new Map(), wasKey: new Map() };

/**
 * The groups of the parked companies. `parentOf` holds every stated parent link read by the pass
 * (child → parent); a parent that was not parked (not in the portfolio) makes its child a top.
 */
export async function passGroups(redis: RedisClient, parkKey: string, inputs: PortfolioInputs, parentOf: ReadonlyMap<string, string>, settings: BaseSettings, asOf: Date): Promise<PassGroups> {
  if (parentOf.size === 0) return NO_GROUPS;
  const linked = [...new Set([...parentOf.keys(), ...parentOf.values()])];
  const parked = new Set<string>();
  for (let i = 0; i < linked.length; i += 1000) {
    const slice = linked.slice(i, i + 1000);
    const flags = await redis.hmget(parkKey, ...slice);
    slice.forEach((id, j) => flags[j] !== null && parked.add(id));
  }
  const memberships = resolveGroups([...parked], (id) => parentOf.get(id) ?? null);
  const membersOf = new Map<string, string[]>();
  for (const [id, m] of memberships) (membersOf.get(m.top) ?? membersOf.set(m.top, []).get(m.top)!).push(id);

  const groups = new Map<string, AccountGroup>();
  const wasKey = new Map<string, boolean>();
  const tops = [...membersOf].filter(([, members]) => members.length > 1).sort(([a], [b]) => compareIds(a, b));
  let chunk: string[] = [];
  const scoreChunk = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const [values, stored] = await Promise.all([redis.hmget(parkKey, ...chunk), inputs.getMany(chunk)]);
    const scores = new Map<string, CompanyScore>();
    values.forEach((v, i) => {
      const p = JSON.parse(v!) as Parked;
      scores.set(chunk[i]!, p.score);
      wasKey.set(chunk[i]!, wasKeyAccount(p.record));
    });
    const inputOf = (id: string): CompanyInput => stored.get(id) ?? { id, properties: {} };
    const formed = formGroups(scores, inputOf, settings, asOf);
    for (const [top, g] of formed.groups) groups.set(top, g);
    chunk = [];
  };
  for (const [, members] of tops) {
    if (chunk.length + members.length > MEMBERS_AT_ONCE) await scoreChunk();
    chunk.push(...members);
  }
  await scoreChunk();
  // Every linked company's membership, alone ones included: a parent outside the portfolio is named.
  return { memberships, groups, wasKey };
}
