// scoring-model.md §9, worked by hand: won revenue per product line, the peer mix, whitespace.
import { describe, expect, it } from 'vitest';
import { peerMix, scorePortfolio, toDepthOutputProperties, type AccountFigures, type DealInput, type LineItemInput } from '../../src/model/index.ts';
import { AS_OF, TARGET_100K, company, wonDeal } from './builders.ts';

const product = (id: string, props: Record<string, string>) => ({ id, properties: props });
const item = (id: string, props: Record<string, string>, prod?: ReturnType<typeof product>): LineItemInput => ({ id, properties: props, product: prod ?? null });
const withItems = (deal: DealInput, lineItems: LineItemInput[]): DealInput => ({ ...deal, lineItems });

const LICENCE = product('p1', { name: 'Licence Pro', kam_product_line: 'Licences' });
const CONSULTING = product('p2', { name: 'Consulting', kam_product_line: 'Services' });

/**
 * Company 1 (wallet 1,000,000): one won deal of 100,000: Licences 60,000, Services 40,000.
 * Company 2: a deal of 200,000 in its own currency, 100,000 at home: 2 × 50,000 of Licences and a
 * 100,000 line item named Hardware (no product), so half of each at home. Company 3: a won deal
 * of 50,000 without line items (unassigned). All RETAIL: fewer than 10, so the mix of all customers.
 * Mix: Licences 110,000, Services 40,000, Hardware 50,000 of 200,000 = 55 %, 20 %, 25 %.
 */
function portfolio(): AccountFigures[] {
  return scorePortfolio(
    [
      company('1', { industry: 'RETAIL', kam_category_spend: '1000000' }, [
        withItems(wonDeal(100_000, '2026-03-01T00:00:00Z'), [item('li1', { amount: '60000' }, LICENCE), item('li2', { amount: '40000' }, CONSULTING)]),
      ]),
      company('2', { industry: 'RETAIL' }, [
        withItems(wonDeal(200_000, '2026-04-01T00:00:00Z', { amount_in_home_currency: '100000' }), [
          item('li3', { quantity: '2', price: '50000' }, LICENCE),
          item('li4', { name: 'Hardware', amount: '100000' }),
        ]),
      ]),
      company('3', { industry: 'RETAIL', kam_category_spend: '400000' }, [withItems(wonDeal(50_000, '2026-05-01T00:00:00Z'), [])]),
    ],
    TARGET_100K,
    AS_OF,
  ).accounts;
}

describe('product lines and whitespace (§9)', () => {
  it('when line items of won deals are read, then each line is resolved, converted to the home currency and the whitespace is potential x mix - won', () => {
    const a = Object.fromEntries(portfolio().map((f) => [f.companyId, f]));
    expect(a['2']!.wonByLine).toEqual({ Licences: 50_000, Hardware: 50_000 });
    expect(a['3']!.wonByLine).toEqual({ unassigned: 50_000 });
    const w = a['1']!.whitespace!;
    const line = (name: string) => w.lines.find((l) => l.line === name)!;
    // Expected spend 1,000,000 × 55 % / 25 % / 20 %, less what company 1 won on each line.
    expect(line('Licences').expectedSpend).toBeCloseTo(550_000, 6);
    expect(line('Licences').gap).toBeCloseTo(490_000, 6);
    expect(line('Hardware').gap).toBeCloseTo(250_000, 6);
    expect(line('Services').gap).toBeCloseTo(160_000, 6);
    expect(line('Services').share).toBeCloseTo(40_000 / 200_000, 12);
    expect(w.value).toBeCloseTo(900_000, 6);
    expect(w.lines.map((l) => l.line)).toEqual(['Licences', 'Hardware', 'Services']);
    const props = toDepthOutputProperties(a['1']!);
    expect(props).toMatchObject({
      kam_whitespace_value: '900000', kam_whitespace: 'Licences: 490,000; Hardware: 250,000; Services: 160,000', kam_product_lines_bought: 'Licences; Services',
    });
    // Unassigned revenue is never a line of the mix or of whitespace; an unknown wallet gives none.
    expect(a['3']!.whitespace!.lines.map((l) => l.line).sort()).toEqual(['Hardware', 'Licences', 'Services']);
    expect(a['3']!.whitespace!.value).toBeCloseTo(400_000, 6);
    expect(a['2']!.whitespace).toBeNull();
    expect(a['1']!.explanation).toContain('Whitespace 900,000 (Licences 490,000, Hardware 250,000, Services 160,000).');
  });

  it('when an industry has 10 customers with won revenue on some line, then its own mix is used; with 9, the mix of all customers', () => {
    const customers = (industry: string, n: number, line: string) => Array.from({ length: n }, () => ({ industry, wonByLine: { [line]: 100 } }));
    const ten = peerMix([...customers('BANKING', 10, 'Cards'), ...customers('RETAIL', 9, 'Tills')]);
    expect(ten.byIndustry.get('BANKING')).toEqual(new Map([['Cards', 1]]));
    expect(ten.byIndustry.has('RETAIL')).toBe(false);
    expect(ten.all.get('Cards')).toBeCloseTo(10 / 19, 12);
    expect(ten.all.get('Tills')).toBeCloseTo(9 / 19, 12);
  });

  it('when no won deal had its line items read, then there is no whitespace and nothing is bought by line', () => {
    const [f] = scorePortfolio([company('1', { kam_category_spend: '1000000' }, [wonDeal(100_000, '2026-03-01T00:00:00Z')])], TARGET_100K, AS_OF).accounts;
    expect(f!.wonByLine).toBeNull();
    expect(f!.whitespace).toBeNull();
    expect(toDepthOutputProperties(f!)).toMatchObject({ kam_whitespace_value: '', kam_whitespace: '', kam_product_lines_bought: '' });
  });
});

describe('which deals need line items', () => {
  it('when deals are won in the window, then only those are asked for; open, lost and older won deals are not', async () => {
    const { dealsNeedingLineItems } = await import('../../src/model/index.ts');
    const lost = { id: 'lost', properties: { amount: '1', closedate: '2026-06-01T00:00:00Z', hs_is_closed_won: 'false', hs_is_closed: 'true' } };
    const open = { id: 'open', properties: { amount: '1', hs_is_closed: 'false' } };
    const ids = dealsNeedingLineItems([{ ...wonDeal(1, '2026-06-01T00:00:00Z'), id: 'recent' }, { ...wonDeal(1, '2025-06-01T00:00:00Z'), id: 'old' }, lost, open], TARGET_100K, AS_OF);
    expect(ids).toEqual(['recent']);
  });
});
