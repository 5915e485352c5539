// scoring-model.md §10: each relationship stage at its boundaries, roles unknown, the derived factor.
import { describe, expect, it } from 'vitest';
import { scorePortfolio, stageOf, toDepthOutputProperties, type RecordInput } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, wonDeal } from './builders.ts';

const DM = 'DECISION_MAKER';
const CH = 'CHAMPION';
const ES = 'EXECUTIVE_SPONSOR';
const stage = (share: number | null, tenure: number | null, roles: string[] | null, everWon = true) => stageOf({ everWon, shareOfWallet: share, tenureYears: tenure, roles });

describe('relationship stage (§10)', () => {
  it('when a company never won, then it is exploratory whatever else holds', () => {
    expect(stage(0.9, 10, [DM, CH, ES, 'INFLUENCER'], false)).toBe('exploratory');
  });

  it('when cooperative is at its boundary, then 2 roles with a decision maker and exactly 10 % pass, and one less fails to basic', () => {
    expect(stage(0.1, 0, [DM, 'OTHER'])).toBe('cooperative');
    expect(stage(0.0999, 0, [DM, 'OTHER'])).toBe('basic');
    expect(stage(0.5, 5, [DM])).toBe('basic');
    expect(stage(0.5, 5, [CH, ES])).toBe('basic');
    expect(stage(null, 5, [DM, CH])).toBe('basic');
  });

  it('when interdependent is at its boundary, then 3 roles, 30 % and 2 years pass, and any one short falls to cooperative', () => {
    expect(stage(0.3, 2, [DM, CH, 'END_USER'])).toBe('interdependent');
    expect(stage(0.3, 2, [DM, ES, 'END_USER'])).toBe('interdependent');
    expect(stage(0.2999, 2, [DM, CH, 'END_USER'])).toBe('cooperative');
    expect(stage(0.3, 1.999, [DM, CH, 'END_USER'])).toBe('cooperative');
    expect(stage(0.3, 2, [DM, 'INFLUENCER', 'END_USER'])).toBe('cooperative');
  });

  it('when integrated is at its boundary, then 4 roles with a sponsor, 50 % and 3 years pass, and one short falls back', () => {
    expect(stage(0.5, 3, [DM, ES, 'BLOCKER', 'OTHER'])).toBe('integrated');
    expect(stage(0.4999, 3, [DM, ES, 'BLOCKER', 'OTHER'])).toBe('interdependent');
    expect(stage(0.5, 2.999, [DM, ES, 'BLOCKER', 'OTHER'])).toBe('interdependent');
    expect(stage(0.5, 3, [DM, CH, 'BLOCKER', 'OTHER'])).toBe('interdependent');
  });

  it('when the roles are unknown, then the stage is capped at cooperative', () => {
    expect(stage(0.9, 10, null)).toBe('cooperative');
    expect(stage(0.0999, 10, null)).toBe('basic');
  });

  const contact = (roles: string): RecordInput => ({ id: `c-${roles}`, properties: { hs_buying_role: roles } });
  // 300,000 won of 1,000,000 (30 %), first won more than two years ago.
  const customer = (props: Record<string, string>, contacts?: RecordInput[]) => ({
    ...company('1', { kam_category_spend: '1000000', ...props }, [wonDeal(1, '2024-01-15T00:00:00Z'), wonDeal(300_000, '2026-06-01T00:00:00Z')]),
    ...(contacts ? { contacts } : {}),
  });
  const figures = (props: Record<string, string>, contacts?: RecordInput[]) => scorePortfolio([customer(props, contacts)], TARGET_100K, AS_OF).accounts[0]!;

  it('when contacts hold several roles in one value, then every value counts, and the strength factor is derived from the stage', () => {
    const f = figures({}, [contact('DECISION_MAKER;CHAMPION'), contact('END_USER'), contact('')]);
    expect(f.relationship).toMatchObject({ stage: 'interdependent', rolesKnown: true, roles: [CH, DM, 'END_USER'], missingRoles: [ES] });
    expect(f.strength.factors.relationship).toBe(8);
    expect(toDepthOutputProperties(f)).toMatchObject({ kam_relationship_stage: 'interdependent', kam_buying_roles_missing: ES });
    expect(f.explanation).toContain('Relationship interdependent; no executive sponsor among the contacts.');
  });

  it('when the roles are unknown, then the factor is not derived and the explanation says why', () => {
    const f = figures({});
    expect(f.relationship).toMatchObject({ stage: 'cooperative', rolesKnown: false, missingRoles: null });
    expect(f.strength.factors.relationship).toBeNull();
    expect(toDepthOutputProperties(f).kam_buying_roles_missing).toBe('');
    expect(f.explanation).toContain('Relationship cooperative (roles unknown).');
  });

  it('when the factor is entered, or the stage overridden, then the entry wins; a bad override is named', () => {
    expect(figures({ kam_str_relationship: '2' }, [contact(DM)]).strength.factors.relationship).toBe(2);
    const over = figures({ kam_relationship_stage_override: 'Integrated' });
    expect(over.relationship).toMatchObject({ stage: 'integrated', overridden: true });
    expect(over.strength.factors.relationship).toBe(10);
    expect(figures({ kam_relationship_stage_override: 'best friends' }).notes[0]).toContain("relationship stage override 'best friends' is not one of exploratory");
  });

  it('when a key account lacks a decision maker, champion or sponsor, then the buying-committee play is due once while the gap lasts', async () => {
    const { playsFor } = await import('../../src/model/index.ts');
    const key = figures({ kam_strategic: 'true', name: 'Globex' }, [contact('INFLUENCER')]);
    expect(key.isKeyAccount).toBe(true);
    const history = { lastCreatedAt: { account_plan: new Date(AS_OF.getTime() - 86_400_000) } };
    const first = playsFor({ category: 'key', action: 'grow', quadrant: 'key', isKeyAccount: true, missingRoles: [] }, key, TARGET_100K, AS_OF, history);
    expect(first.map((p) => [p.kind, p.subject])).toEqual([['buying_committee', 'Map the buying committee of Globex: no decision maker, champion or executive sponsor']]);
    const again = playsFor({ category: 'key', action: 'grow', quadrant: 'key', isKeyAccount: true, missingRoles: [DM, CH, ES] }, key, TARGET_100K, AS_OF, history);
    expect(again).toEqual([]);
  });
});
