// Account groups, product lines and the relationship stage in the live loop (scoring-model.md
// §8–§10): the full pass and the flush give every company the figures a from-scratch
// scorePortfolio gives on the same data, its group's and its whitespace included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushPortal } from '../../jobs/flush-portal.ts';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import {
  DEFAULT_SETTINGS, scorePortfolio, toDepthOutputProperties, toOutputProperties, type AccountFigures, type Settings,
} from '../../src/model/index.ts';
import { emptyMarks, markDirty } from '../../src/store/dirty-marks.ts';
import { portalKeys } from '../../src/store/portal-keys.ts';
import type { MemoryCrm } from '../support/memory-crm.ts';
import { testRedis } from '../support/redis.ts';
import { saveSettings } from '../support/save-settings.ts';
import { ALL_DEPTH, AS_OF, depthPortfolioOf, portalDeps, seededCrm } from './portal-fixture.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => ctx.cleanup());

const PORTAL = '24681357';
const deps = (crm: MemoryCrm, at = 0) => ({ ...portalDeps(ctx, crm, PORTAL, () => AS_OF.getTime() + at), depth: ALL_DEPTH });
const mark = (part: Partial<ReturnType<typeof emptyMarks>>) => markDirty(ctx.redis, ctx.prefix, PORTAL, { ...emptyMarks(), ...part });

/** Every written property of these companies equals the from-scratch figures (kam_scored_at aside). */
function expectWritten(crm: MemoryCrm, accounts: readonly AccountFigures[], modelVersion = 1): void {
  for (const f of accounts) {
    const { kam_scored_at: _a, ...want } = { ...toOutputProperties(f, { scoredAt: AS_OF, modelVersion }), ...toDepthOutputProperties(f) };
    const have = crm.companies.get(f.companyId)!;
    for (const [name, value] of Object.entries(want)) expect([f.companyId, name, have[name] ?? '']).toEqual([f.companyId, name, value]);
  }
}

async function passed(count: number, settings: Partial<Settings> = {}): Promise<{ crm: MemoryCrm; settings: Settings }> {
  const crm = seededCrm(count, 7, { accountDepth: true });
  const full = { ...DEFAULT_SETTINGS, ...settings };
  if (Object.keys(settings).length) await saveSettings(portalDeps(ctx, crm).settings, PORTAL, settings);
  await portfolioPass(deps(crm));
  return { crm, settings: full };
}

describe('account depth in the full pass', () => {
  it('when a portal with groups, line items and contacts is passed, then every company holds the from-scratch figures, its group\'s and whitespace included', async () => {
    const { crm } = await passed(300);
    const expected = scorePortfolio(depthPortfolioOf(crm), DEFAULT_SETTINGS, AS_OF);
    // The seeded portal has what the test is about.
    expect(expected.groupCount).toBeGreaterThan(5);
    expect(expected.accounts.filter((f) => f.whitespace !== null).length).toBeGreaterThan(50);
    expect(expected.accounts.filter((f) => f.relationship.rolesKnown).length).toBe(300);
    expectWritten(crm, expected.accounts);
    // One key place per central group: every member of a key central group carries it.
    const keyGroups = expected.accounts.filter((f) => f.group?.purchasing === 'central' && f.isKeyAccount);
    for (const f of keyGroups) expect(crm.companies.get(f.companyId)?.kam_is_key_account).toBe('true');
  });

  it('when a product\'s line changes, then the next pass reads each product once and writes the new lines and whitespace', async () => {
    const { crm } = await passed(200);
    const [productId, product] = [...crm.products].find(([, p]) => p.kam_product_line)!;
    product.kam_product_line = 'Renamed line';
    crm.calls = {};
    await portfolioPass(deps(crm, 60_000));
    expect(crm.calls['products.read']).toBe(Math.ceil(new Set([...crm.lineItems.values()].map((i) => i.hs_product_id)).size / 100));
    expect(productId).toBeTruthy();
    const expected = scorePortfolio(depthPortfolioOf(crm), DEFAULT_SETTINGS, AS_OF);
    expect(expected.accounts.some((f) => f.productLinesBought.includes('Renamed line'))).toBe(true);
    expectWritten(crm, expected.accounts);
  });

  it('when the portal does not grant contacts, line items or products, then nothing of them is read, roles stay unknown and no line is written', async () => {
    const crm = seededCrm(120, 7, { accountDepth: true });
    await portfolioPass({ ...portalDeps(ctx, crm), depth: { contacts: false, lineItems: false, products: false, outputs: true } });
    expect(crm.calls['contacts.read']).toBeUndefined();
    expect(crm.calls['line_items.read']).toBeUndefined();
    const withoutDepth = depthPortfolioOf(crm).map(({ contacts: _c, ...c }) => ({ ...c, deals: (c.deals ?? []).map(({ lineItems: _l, ...d }) => d) }));
    const expected = scorePortfolio(withoutDepth, DEFAULT_SETTINGS, AS_OF);
    expectWritten(crm, expected.accounts);
    expect([...crm.companies.values()].every((p) => (p.kam_product_lines_bought ?? '') === '' && (p.kam_buying_roles_missing ?? '') === '')).toBe(true);
  });

  it('when the depth properties are not provisioned yet, then none is written (a write never names a missing property)', async () => {
    const crm = seededCrm(60, 7, { accountDepth: true });
    await portfolioPass({ ...portalDeps(ctx, crm), depth: { ...ALL_DEPTH, outputs: false } });
    expect([...crm.companies.values()].some((p) => p.kam_group_id !== undefined || p.kam_relationship_stage !== undefined)).toBe(false);
    expect(crm.tasks.some((t) => t.subject.startsWith('Map the buying committee'))).toBe(false);
  });

  it('when the depth properties come after the companies were scored, then writing the stages for the first time creates no wave of buying-committee tasks', async () => {
    const crm = seededCrm(150, 7, { accountDepth: true });
    await portfolioPass({ ...portalDeps(ctx, crm), depth: { ...ALL_DEPTH, outputs: false } });
    await portfolioPass(deps(crm, 60_000));
    const expected = scorePortfolio(depthPortfolioOf(crm), DEFAULT_SETTINGS, AS_OF);
    expect(expected.accounts.filter((f) => f.isKeyAccount && (f.relationship.missingRoles?.length ?? 0) > 0).length).toBeGreaterThan(0);
    expectWritten(crm, expected.accounts);
    expect(crm.tasks.filter((t) => t.subject.startsWith('Map the buying committee'))).toEqual([]);
  });
});

describe('account depth in the flush', () => {
  it('when a parent link changes, then the flush re-scores and writes both groups as a from-scratch score of the new data', async () => {
    const { crm, settings } = await passed(300, { profitTarget: 60_000 });
    const before = scorePortfolio(depthPortfolioOf(crm), settings, AS_OF);
    // A member of a group of three or more, below the top, moves under another group's top.
    const sizeOf = (top: string) => before.accounts.filter((f) => f.group?.groupId === top).length;
    const mover = before.accounts.find((f) => f.group && f.group.groupId !== f.companyId && sizeOf(f.group.groupId) >= 3)!;
    const oldTop = mover.group!.groupId;
    const newTop = before.accounts.find((f) => f.group && f.group.groupId === f.companyId && f.companyId !== oldTop)!.companyId;
    const oldParent = crm.parents.get(mover.companyId)!;
    crm.parents.set(mover.companyId, newTop);
    crm.calls = {};
    // What the webhook marks for a parent link: the child and both parents, their links to be read.
    await mark({ linkCompanyIds: [mover.companyId, oldParent, newTop] });
    const outcome = await flushPortal(deps(crm, 60_000));

    const after = scorePortfolio(depthPortfolioOf(crm), settings, AS_OF);
    const bothGroups = after.accounts.filter((f) => f.group && [oldTop, newTop].includes(f.group.groupId));
    expect(bothGroups.find((f) => f.companyId === mover.companyId)?.group?.groupId).toBe(newTop);
    expect(bothGroups.length).toBe(sizeOf(oldTop) + sizeOf(newTop));
    expectWritten(crm, bothGroups, 2);
    // Members that were not marked were written too: their group's figures moved (the mover took its own children along).
    const newSize = bothGroups.filter((f) => f.group!.groupId === newTop).length;
    expect(newSize).toBeGreaterThan(sizeOf(newTop));
    const unmarked = bothGroups.filter((f) => ![mover.companyId, oldParent, newTop].includes(f.companyId));
    expect(unmarked.length).toBeGreaterThan(0);
    for (const f of unmarked) expect(crm.companies.get(f.companyId)?.kam_group_size).toBe(String(f.group!.size));
    expect(outcome.recomputed).toBe(3);
    // Nothing of the contacts was read (no contact event), and the parents in one batch call a round.
    expect(crm.calls['contacts.read']).toBeUndefined();
  });

  it('when a buying role is set on a contact, then the flush reads that company\'s contacts again and writes its stage, and a key account left without a role gets the buying-committee play', async () => {
    const { crm, settings } = await passed(300, { profitTarget: 60_000 });
    // A key account on its own with the full committee among its contacts.
    const key = scorePortfolio(depthPortfolioOf(crm), settings, AS_OF).accounts.find((f) => f.isKeyAccount && f.group === null)!;
    const roles = ['DECISION_MAKER', 'CHAMPION', 'EXECUTIVE_SPONSOR'];
    for (const [i, role] of roles.entries()) {
      const id = `88000${i}`;
      crm.contacts.set(id, { hs_buying_role: role });
      crm.linkContact(id, key.companyId);
    }
    await mark({ contactCompanyIds: [key.companyId] });
    await flushPortal(deps(crm, 60_000));
    expect(crm.companies.get(key.companyId)?.kam_buying_roles_missing).toBe('');
    const plays = (): string[] => crm.tasks.filter((t) => t.companyId === key.companyId && t.subject.startsWith('Map the buying committee')).map((t) => t.subject);
    const playsBefore = plays().length;
    // The rep mapped the committee: the play the pass created (the company had no contacts then) is done.
    for (const t of crm.tasks) if (t.companyId === key.companyId) t.status = 'COMPLETED';

    crm.contacts.get('880002')!.hs_buying_role = 'END_USER';
    crm.calls = {};
    await mark({ contactIds: ['880002'] });
    await flushPortal(deps(crm, 120_000));

    const expected = scorePortfolio(depthPortfolioOf(crm), settings, AS_OF).accounts.find((f) => f.companyId === key.companyId)!;
    expect(expected.relationship.missingRoles).toEqual(['EXECUTIVE_SPONSOR']);
    expect(crm.companies.get(key.companyId)?.kam_relationship_stage).toBe(expected.relationship.stage);
    expect(crm.companies.get(key.companyId)?.kam_buying_roles_missing).toBe('EXECUTIVE_SPONSOR');
    expect(plays().slice(playsBefore)).toEqual([`Map the buying committee of ${expected.name}: no executive sponsor`]);
    // Only that company's contacts were read: one association read to find it, one for its contacts, one contact batch.
    expect(crm.calls['contacts.read']).toBe(1);
  });

  it('when a company event and a deal event arrive with the model reading line items and contacts, then the flush reads no contact and only the won deals\' line items it does not hold', async () => {
    const { crm } = await passed(200);
    const companyIds = [...crm.companies.keys()].slice(0, 100);
    for (const id of companyIds) crm.companies.get(id)!.kam_attr_relationship = '9';
    crm.calls = {};
    await mark({ companyIds });
    await flushPortal(deps(crm, 60_000));
    expect(crm.calls['contacts.read']).toBeUndefined();
    expect(crm.calls['line_items.read']).toBeUndefined();
    expect(crm.calls['products.read']).toBeUndefined();
  });

  it('when a buying role changes again while the flush reads the contacts, then the company keeps its flag and the next flush reads them again', async () => {
    const { crm } = await passed(60);
    const id = [...crm.companies.keys()][4]!;
    crm.contacts.set('881000', { hs_buying_role: 'CHAMPION' });
    crm.linkContact('881000', id);
    await mark({ contactCompanyIds: [id] });
    // The role changes while the first flush reads the contacts as they were: an event that flush did not see.
    const contacts = crm.companyContacts.bind(crm);
    let during = true;
    crm.companyContacts = async (ids, props) => {
      const answer = await contacts(ids, props);
      if (during) {
        during = false;
        crm.contacts.get('881000')!.hs_buying_role = 'DECISION_MAKER';
        await mark({ contactCompanyIds: [id] });
      }
      return answer;
    };
    expect((await flushPortal(deps(crm, 60_000))).remaining).toBe(1);
    expect(await ctx.redis.sismember(portalKeys(ctx.prefix, PORTAL).staleRoles, id)).toBe(1);
    crm.calls = {};
    await flushPortal(deps(crm, 120_000));
    expect(crm.calls['contacts.read']).toBe(1);
    expect(await ctx.redis.sismember(portalKeys(ctx.prefix, PORTAL).staleRoles, id)).toBe(0);
  });
});
