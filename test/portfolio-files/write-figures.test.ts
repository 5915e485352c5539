import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scorePortfolio } from '../../src/model/score-portfolio.ts';
import { DEFAULT_SETTINGS } from '../../src/model/settings.ts';
import { FIGURE_COLUMNS, figureRow, formatFiguresCsv, formatFiguresJson } from '../../src/portfolio-files/write-figures.ts';

const AS_OF = new Date('2026-11-22T23:59:59.999Z');
const result = scorePortfolio(
  [
    {
      id: '1',
      properties: { name: 'Acme, "the big one"', kam_category_spend: '2000000' },
      deals: [{ id: 'd1', properties: { amount: '300000', closedate: '2026-03-01T00:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true' } }],
    },
    { id: '2', properties: { name: 'Globex', annualrevenue: 'lots' } },
  ],
  // The worked figures of §7 use a profit target of 100,000 (the default is 'auto').
  { ...DEFAULT_SETTINGS, profitTarget: 100_000 },
  AS_OF,
);

describe('write figures', () => {
  it('when written as CSV, then there is one row per company in rank order with every column', () => {
    const rows = parse(formatFiguresCsv(result.accounts), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(FIGURE_COLUMNS);
    expect(rows.map((r) => r.companyId)).toEqual(['1', '2']);
    expect(rows[0]).toMatchObject({
      name: 'Acme, "the big one"', priorityRank: '1', wonTTM: '300000', wallet: '2000000', walletSource: 'entered',
      shareOfWallet: '0.15', isKeyAccount: 'false', category: 'normal', coverage: 'channel', expectedProfit: '87840',
    });
    expect(rows[1]).toMatchObject({ wallet: '', shareOfWallet: '', category: 'target', walletSource: 'unknown' });
    expect(rows[1]?.notes).toContain("annual revenue 'lots' is not a number");
  });

  it('when a figure is a long fraction, then the row rounds it (money to cents, ratios to 4 places)', () => {
    const row = figureRow({ ...result.accounts[0]!, expectedRevenue: 1234.5678, position: 0.123456 });
    expect(row.expectedRevenue).toBe(1234.57);
    expect(row.position).toBe(0.1235);
  });

  it('when written as JSON, then it carries the portfolio figures and every full account', () => {
    const json = JSON.parse(formatFiguresJson(result, { asOf: '2026-11-22', source: 'p.json', fileNotes: ['n'] }));
    expect(json).toMatchObject({ asOf: '2026-11-22', source: 'p.json', fileNotes: ['n'], keyAccountCapacity: 25, keyCount: 0 });
    expect(json.accounts).toHaveLength(2);
    expect(json.accounts[0].attractiveness.factors).toBeDefined();
    expect(json.accounts[0].explanation).toEqual(result.accounts[0]?.explanation);
  });
});
