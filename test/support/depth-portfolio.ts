// A small portfolio with account depth (scoring-model.md §8–§10) for the card and page tests: a
// three-level group that buys as one (101 > 102 > 103, 103 never bought), a group whose branches
// buy on their own (202 > 203), and a company alone (301); won deals carry line items, and the
// top of the central group has contacts with buying roles.
import {
  DEFAULT_SETTINGS, scorePortfolio, toDepthOutputProperties, toOutputProperties,
  type AccountFigures, type CompanyInput, type DealInput, type LineItemInput, type PortfolioResult,
} from '../../src/model/index.ts';

export const DEPTH_AS_OF = new Date('2026-11-22T00:00:00Z');
// 'auto' with one key place: the largest customer (the central group) passes the profit target.
export const DEPTH_SETTINGS = { ...DEFAULT_SETTINGS, keyAccountCapacity: 1 };

const product = (id: string, line: string) => ({ id, properties: { name: `${line} product`, kam_product_line: line } });
const PRODUCTS = { Licences: product('p1', 'Licences'), Services: product('p2', 'Services'), Hardware: product('p3', 'Hardware') };
type Line = keyof typeof PRODUCTS;

let seq = 0;
function won(closedate: string, items: Partial<Record<Line, number>>): DealInput {
  const lineItems: LineItemInput[] = Object.entries(items).map(([line, amount]) => ({
    id: `li${++seq}`, properties: { amount: String(amount) }, product: PRODUCTS[line as Line],
  }));
  const amount = lineItems.reduce((s, i) => s + Number(i.properties.amount), 0);
  return { id: `d${++seq}`, properties: { amount: String(amount), closedate, hs_is_closed_won: 'true', hs_is_closed: 'true' }, lineItems };
}

function company(id: string, name: string, properties: Record<string, string>, parentId: string | null, deals: DealInput[]): CompanyInput {
  return { id, properties: { name, industry: 'RETAIL', ...properties }, parentId, deals };
}

export function depthCompanies(): CompanyInput[] {
  return [
    {
      ...company('101', 'Northwind Holdings', { kam_category_spend: '20000000' }, null, [won('2026-03-01T00:00:00Z', { Licences: 2_000_000, Services: 1_000_000 })]),
      contacts: [
        { id: 'c1', properties: { hs_buying_role: 'DECISION_MAKER' } },
        { id: 'c2', properties: { hs_buying_role: 'END_USER;INFLUENCER' } },
      ],
    },
    company('102', 'Northwind Retail', { kam_category_spend: '10000000' }, '101', [won('2026-05-01T00:00:00Z', { Licences: 1_000_000 })]),
    company('103', 'Northwind Labs', { annualrevenue: '50000000' }, '102', []),
    company('202', 'Branchline Group', { kam_category_spend: '4000000', kam_purchasing: 'branches' }, null, [won('2026-04-01T00:00:00Z', { Services: 800_000 })]),
    company('203', 'Branchline East', { kam_category_spend: '3000000' }, '202', [won('2026-06-01T00:00:00Z', { Licences: 200_000 })]),
    company('301', 'Solo Traders', { kam_category_spend: '5000000' }, null, [won('2026-02-01T00:00:00Z', { Hardware: 500_000 })]),
  ];
}

export function scoreDepthPortfolio(): PortfolioResult {
  return scorePortfolio(depthCompanies(), DEPTH_SETTINGS, DEPTH_AS_OF);
}

/** A company's properties as HubSpot holds them after a pass that wrote the depth figures. */
export function depthProperties(figures: AccountFigures, input: CompanyInput, opts: { depth?: boolean } = {}): Record<string, string> {
  return {
    hs_object_id: figures.companyId,
    ...(input.properties as Record<string, string>),
    ...toOutputProperties(figures, { scoredAt: DEPTH_AS_OF, modelVersion: 1 }),
    ...(opts.depth === false ? {} : toDepthOutputProperties(figures)),
  };
}
