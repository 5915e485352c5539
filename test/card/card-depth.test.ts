// The card's account depth (§8–§10): a member's own figures beside its group's, the relationship
// stage with the missing buying roles, the product lines, and a plain sentence where the portal
// has no depth figures yet.
import { describe, expect, it } from 'vitest';
import { DEPTH_NOT_WRITTEN, parseWhitespace } from '../../src/card/card-depth.ts';
import { cardViewModel, type CardViewModel } from '../../src/card/card-view-model.ts';
import { money, oneDecimal } from '../../src/model/format.ts';
import { INPUT_PROPERTIES } from '../../src/model/properties.ts';
import { depthCompanies, depthProperties, scoreDepthPortfolio } from '../support/depth-portfolio.ts';
import { SCORED } from './support.ts';

function cardOf(companyId: string, opts: { depth?: boolean } = {}): CardViewModel {
  const result = scoreDepthPortfolio();
  const figures = result.accounts.find((a) => a.companyId === companyId)!;
  const input = depthCompanies().find((c) => c.id === companyId)!;
  return cardViewModel(depthProperties(figures, input, opts));
}

describe('the card\'s account depth', () => {
  it('when a member of a group that buys as one is shown, then its own share of wallet and share of the group sit beside the group\'s figures', () => {
    const group = cardOf('102').depth!.group!;
    expect(group.summary).toBe('In the group of company 101 (3 companies)');
    expect(group.isTop).toBe(false);
    // Own: 1,000,000 won of a 10,000,000 wallet. The group: 4,000,000 won of its members' 31,000,000.
    expect(group.rows).toEqual([
      { label: 'Share of wallet', own: '10 %', group: '12.9 %' },
      { label: 'Expected profit', own: '912,000', group: '912,000' },
      { label: "Share of the group's revenue", own: '25 %', group: '100 %' },
    ]);
    expect(group.note).toMatch(/set on its top company \(101\); when it buys as one, quadrant, action, rank and tier above are the group's/);
  });

  it('when the top of a group is shown, then it says so and how the group buys, and offers the purchasing choice as an input', () => {
    const central = cardOf('101');
    expect(central.depth!.group!.summary).toBe('Top of a group of 3 companies');
    expect(central.depth!.group!.note).toMatch(/^The group buys as one/);
    expect(central.inputs.map((i) => i.property)).toEqual([...INPUT_PROPERTIES.map((p) => p.name), 'kam_purchasing', 'kam_relationship_stage_override']);
    const branches = cardOf('202');
    expect(branches.depth!.group!.note).toMatch(/^Each company of the group buys on its own/);
    expect(branches.depth!.group!.rows[1]).toEqual({ label: 'Expected profit', own: '237,840', group: '297,840' });
    expect(branches.inputs.find((i) => i.property === 'kam_purchasing')).toMatchObject({ display: 'Branches', filled: true, sharpens: false });
  });

  it('when a company has no parent and no child, then it is not part of a group and shows no group table', () => {
    const alone = cardOf('301');
    expect(alone.depth!.group).toMatchObject({ size: 1, rows: [], summary: 'Not part of a group' });
    // The stage override is offered; purchasing only on the top of a real group.
    expect(alone.inputs.map((i) => i.property)).toContain('kam_relationship_stage_override');
    expect(alone.inputs.map((i) => i.property)).not.toContain('kam_purchasing');
    expect(alone.missingInputs.map((i) => i.property)).not.toContain('kam_relationship_stage_override');
  });

  it('when a key account misses buying roles, then the stage, the missing roles and the buying-committee play are shown', () => {
    const r = cardOf('102').depth!.relationship!;
    expect(r).toEqual({
      stage: 'cooperative', text: 'Cooperative', overridden: false, missingRoles: ['Champion', 'Executive sponsor'],
      rolesText: 'Buying roles no contact holds: champion, executive sponsor.',
      play: 'Map the buying committee of Northwind Retail: no champion or executive sponsor.',
    });
    // Not a key account: the gap is named, no play.
    expect(cardViewModel({ ...SCORED, kam_is_key_account: 'false', kam_group_id: '9', kam_relationship_stage: 'basic', kam_buying_roles_missing: 'DECISION_MAKER' }).depth!.relationship)
      .toMatchObject({ missingRoles: ['Decision maker'], play: null });
    expect(cardViewModel({ ...SCORED, kam_relationship_stage: 'integrated', kam_relationship_stage_override: 'integrated' }).depth!.relationship!.text).toBe('Integrated (set by hand)');
  });

  it('when the product lines are written, then the largest gaps come first with their amounts, and bought lines without a large gap follow', () => {
    const lines = cardOf('102').depth!.productLines!;
    expect(lines.totalText).toBe('9,000,000');
    expect(lines.lines.map((l) => [l.line, l.bought, l.whitespaceText])).toEqual([
      ['Licences', true, '4,818,182'], ['Services', false, '3,272,727'], ['Hardware', false, '909,091'],
    ]);
    expect(lines.note).toBeNull();
    const few = cardViewModel({ ...SCORED, kam_group_id: '1', kam_product_lines_bought: 'Licences; Support', kam_whitespace: 'Services: 40,000', kam_whitespace_value: '40000' });
    expect(few.depth!.productLines!.lines.map((l) => [l.line, l.bought, l.whitespace])).toEqual([
      ['Services', false, 40_000], ['Licences', true, null], ['Support', true, null],
    ]);
  });

  it('when the whitespace or the bought lines are unknown, then the card says why instead of showing blanks', () => {
    const never = cardOf('103').depth!.productLines!;
    expect(never.note).toBe('No product line bought in the revenue window (or its deals have no line items).');
    const unknown = cardViewModel({ ...SCORED, kam_group_id: '1', kam_whitespace_value: '', kam_whitespace: '', kam_product_lines_bought: '' }).depth!.productLines!;
    expect(unknown.totalText).toBeNull();
    expect(unknown.lines).toEqual([]);
    expect(unknown.note).toMatch(/^No whitespace figure: the wallet is unknown, or no won deal had line items/);
  });

  it('when the portal has no depth properties yet, then the card says so plainly and offers no depth input', () => {
    const vm = cardOf('102', { depth: false });
    expect(vm.depth).toEqual({ written: false, note: DEPTH_NOT_WRITTEN, group: null, relationship: null, productLines: null });
    expect(vm.inputs.map((i) => i.property)).toEqual(INPUT_PROPERTIES.map((p) => p.name));
    // Before the first scoring there is nothing to say about depth at all.
    expect(cardViewModel({ name: 'New Co' }).depth).toBeNull();
  });

  it('when every company of the depth portfolio is shown, then its figures are the model\'s', () => {
    const result = scoreDepthPortfolio();
    const inputs = new Map(depthCompanies().map((c) => [c.id, c]));
    for (const f of result.accounts) {
      const depth = cardViewModel(depthProperties(f, inputs.get(f.companyId)!)).depth!;
      const g = f.group;
      expect(depth.group!.groupId, f.companyId).toBe(g ? g.groupId : f.companyId);
      expect(depth.group!.size).toBe(g ? g.size : 1);
      if (g) {
        expect(depth.group!.rows[0]!.group).toBe(g.shareOfWallet === null ? 'unknown' : `${oneDecimal(g.shareOfWallet * 100)} %`);
        expect(depth.group!.rows[1]!.group).toBe(money(g.expectedProfit));
      }
      expect(depth.relationship!.stage).toBe(f.relationship.stage);
      expect(depth.productLines!.totalText).toBe(f.whitespace ? money(f.whitespace.value) : null);
      expect(depth.productLines!.lines.filter((l) => l.bought).map((l) => l.line).sort()).toEqual([...f.productLinesBought].sort());
    }
  });

  it('when the whitespace text has odd lines, then each part is read from its last colon and malformed parts are skipped', () => {
    expect(parseWhitespace('Support: Premium: 1,200; Bad part; : 5; Cloud: 3,000 EUR')).toEqual([
      { line: 'Support: Premium', amount: 1200 }, { line: 'Cloud', amount: 3000 },
    ]);
    expect(parseWhitespace(null)).toEqual([]);
  });
});
