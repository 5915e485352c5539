import { describe, expect, it } from 'vitest';
import { playsFor, scorePortfolio, type AccountFigures, type PreviousScore } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, wonDeal } from './builders.ts';

const keyAccount = (owner: string | null): AccountFigures => {
  const c = company('7', { name: 'Globex', kam_strategic: 'true', hubspot_owner_id: owner }, [wonDeal(1000, '2026-06-01T00:00:00Z')]);
  const figures = scorePortfolio([c], TARGET_100K, AS_OF).accounts[0];
  if (!figures) throw new Error('no figures');
  return figures;
};
const prev = (p: Partial<PreviousScore>): PreviousScore => ({ category: 'normal', action: 'deprioritize', quadrant: 'opportunistic', ...p });
const kinds = (plays: { kind: string }[]) => plays.map((p) => p.kind).sort();

describe('plays', () => {
  it('when a company becomes key with an owner, then an account plan is due in 14 days, body = explanation', () => {
    const next = keyAccount('55');
    expect(next.category).toBe('key');
    const plays = playsFor(prev({}), next, TARGET_100K, AS_OF);
    expect(kinds(plays)).toEqual(['account_plan']);
    expect(plays[0]).toMatchObject({ subject: 'Write the account plan for Globex', ownerId: '55', body: next.explanation, priority: 'HIGH' });
    expect(plays[0]?.dueAt.toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });

  it('when a company becomes key without an owner, then a manager must be assigned too', () => {
    expect(kinds(playsFor(prev({}), keyAccount(null), TARGET_100K, AS_OF))).toEqual(['account_plan', 'assign_manager']);
  });

  it('when a key account stays key, then a quarterly review comes only 90 days after the last plan or review', () => {
    const next = keyAccount('55');
    const was = prev({ category: 'key', action: next.action, quadrant: next.quadrant });
    const day = 86_400_000;
    expect(playsFor(was, next, TARGET_100K, AS_OF, { lastCreatedAt: { account_plan: new Date(AS_OF.getTime() - 89 * day) } })).toEqual([]);
    const due = playsFor(was, next, TARGET_100K, AS_OF, { lastCreatedAt: { account_plan: new Date(AS_OF.getTime() - 200 * day), quarterly_review: new Date(AS_OF.getTime() - 90 * day) } });
    expect(due.map((p) => p.subject)).toEqual(['Quarterly account review: Globex']);
  });

  it('when a customer becomes lost, an action becomes remove, or the quadrant becomes key development, then each play fires once', () => {
    const base = keyAccount('55');
    const next: AccountFigures = { ...base, category: 'lost', action: 'remove', quadrant: 'key_development' };
    expect(kinds(playsFor(prev({ category: 'key', action: 'grow', quadrant: 'key' }), next, TARGET_100K, AS_OF))).toEqual(['key_development_plan', 'lost_review', 'removal_review']);
    expect(playsFor(prev({ category: 'lost', action: 'remove', quadrant: 'key_development' }), next, TARGET_100K, AS_OF)).toEqual([]);
  });

  it('when a company is scored for the first time, then only becoming key is news', () => {
    const base = keyAccount('55');
    expect(playsFor(null, { ...base, category: 'lost', action: 'remove', quadrant: 'key_development' }, TARGET_100K, AS_OF)).toEqual([]);
    expect(kinds(playsFor(null, base, TARGET_100K, AS_OF))).toEqual(['account_plan']);
  });

  it('when a play is switched off in the settings, then it is not created', () => {
    const settings = { ...TARGET_100K, plays: { ...TARGET_100K.plays, accountPlan: { enabled: false, dueDays: 14 } } };
    expect(playsFor(prev({}), keyAccount('55'), settings, AS_OF)).toEqual([]);
  });
});
