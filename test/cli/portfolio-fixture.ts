// A small portfolio whose every company lands in a known place of the summary.
const won = (id: string, amount: number, closedate = '2026-06-01T16:00:00Z') => ({
  id, properties: { amount: String(amount), closedate, hs_is_closed_won: 'true', hs_is_closed: 'true' },
});

export const SMALL_PORTFOLIO = {
  asOf: '2026-11-22',
  companies: [
    // Large accounts: both eligible for the key list; with 2 places and a strategic account, B waits.
    { id: '1', properties: { name: 'Alpha Large', kam_category_spend: '20000000' }, deals: [won('11', 3_000_000)] },
    { id: '2', properties: { name: 'Beta Large', kam_category_spend: '15000000' }, deals: [won('21', 2_000_000)] },
    // Strategic but small: takes a key place first.
    { id: '3', properties: { name: 'Gamma Strategic', kam_strategic: 'true', annualrevenue: '1000000' }, deals: [won('31', 20_000)] },
    { id: '4', properties: { name: 'Delta Target', annualrevenue: '5000000' }, deals: [] },
    { id: '5', properties: { name: 'Epsilon Lost', annualrevenue: '5000000' }, deals: [won('51', 50_000, '2024-01-10T16:00:00Z')] },
    // A bad amount: scored without it, flagged.
    { id: '6', properties: { name: 'Zeta Bad Data', annualrevenue: '2000000' }, deals: [won('61', 10_000), { id: '62', properties: { amount: '1e30', closedate: '2026-05-01T16:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true' } }] },
    // Served by a dedicated team it does not pay for: high revenue, low profit.
    { id: '7', properties: { name: 'Eta Thin', kam_coverage: 'dedicated', kam_category_spend: '900000' }, deals: [won('71', 400_000)] },
  ],
};

export const SMALL_PORTFOLIO_JSON = JSON.stringify(SMALL_PORTFOLIO);
export const CAPACITY_2 = JSON.stringify({ keyAccountCapacity: 2 });
