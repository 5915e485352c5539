// The offline scorer's readers for §8–§11: parent links (HubSpot's v3 association shape, the
// CSV parent columns), contacts, line items and products, pipelines, and import-style deal files
// that link companies by domain.
import { describe, expect, it } from 'vitest';
import { runScore } from '../../src/cli/score-command.ts';
import { readPortfolioCsv } from '../../src/portfolio-files/read-portfolio-csv.ts';
import { readPortfolioJson } from '../../src/portfolio-files/read-portfolio-json.ts';
import { stageProbability } from '../../src/model/index.ts';
import { fakeIo } from '../cli/fake-io.ts';

const won = (id: string, amount: number, extra: Record<string, unknown> = {}) => ({
  id, properties: { amount: String(amount), closedate: '2026-06-01T16:00:00Z', hs_is_closed_won: 'true', hs_is_closed: 'true' }, ...extra,
});

const GROUP_FILE = {
  asOf: '2026-11-22',
  currency: 'eur',
  pipelines: { results: [{ id: 'p1', label: 'Partners', stages: [{ id: '777', label: 'Negotiation', metadata: { probability: '0.7' } }] }] },
  products: [{ id: 'pr1', properties: { name: 'Licence Pro', kam_product_line: 'Licences' } }],
  companies: [
    { id: '1', properties: { name: 'Holding' }, associations: { companies: { results: [{ id: '3', type: 'parent_to_child_company' }] } }, deals: [won('11', 100_000)] },
    { id: '2', properties: { name: 'Branch A' }, associations: { companies: { results: [{ id: '1', type: 'child_to_parent_company' }] } },
      contacts: [{ id: 'c1', properties: { hs_buying_role: 'DECISION_MAKER;CHAMPION' } }],
      deals: [won('21', 50_000, { lineItems: [{ id: 'li1', properties: { hs_product_id: 'pr1', amount: '50000' } }] }),
        { id: '22', properties: { amount: '10000', dealstage: '777', hs_is_closed: 'false' } }] },
    { id: '3', properties: { name: 'Branch B' }, deals: [] },
    { id: '4', properties: { name: 'Alone', hs_parent_company_id: '2' }, deals: [] },
  ],
};

describe('account depth in the offline scorer', () => {
  it("when a JSON company carries HubSpot's v3 associations, then parents come from child_to_parent, parent_to_child and hs_parent_company_id", () => {
    const loaded = readPortfolioJson(JSON.stringify(GROUP_FILE), 'g.json');
    expect(loaded.companies.map((c) => [c.id, c.parentId ?? null])).toEqual([['1', null], ['2', '1'], ['3', '1'], ['4', '2']]);
    expect(loaded.currency).toBe('EUR');
    expect(stageProbability('777', loaded.stages!)).toBe(0.7);
    expect(stageProbability('Negotiation', loaded.stages!)).toBe(0.7);
    expect(stageProbability('contractsent', loaded.stages!)).toBe(0.9);
    // Line items find their product in the file's products; a file with contacts has read them for all.
    expect(loaded.companies[1]!.deals![0]!.lineItems![0]!.product?.properties).toEqual({ name: 'Licence Pro', kam_product_line: 'Licences' });
    expect(loaded.companies[0]!.contacts).toEqual([]);
    expect(loaded.companies[1]!.contacts).toHaveLength(1);
  });

  it('when such a file is scored, then the summary names the groups and the profit target, and every figure carries the currency', async () => {
    const run = fakeIo({ 'g.json': JSON.stringify(GROUP_FILE) });
    expect(await runScore({ file: 'g.json' }, run.io)).toBe(0);
    const out = run.stdout();
    expect(out).toContain('Groups: 1 group of 4 companies (1 buying centrally, ranked once; 0 by branches); 1 ranked account');
    expect(out).toMatch(/profit target [\d,]+ EUR \(auto: the smallest, as there are fewer than 25 expected profit with a dedicated team among 1 existing customer, groups counted once\)/);
    const csv = fakeIo({ 'g.json': JSON.stringify(GROUP_FILE) });
    expect(await runScore({ file: 'g.json', format: 'json' }, csv.io)).toBe(0);
    const json = JSON.parse(csv.stdout());
    const branchA = json.accounts.find((a: { companyId: string }) => a.companyId === '2');
    expect(branchA.group).toMatchObject({ groupId: '1', size: 4, depth: 1 });
    expect(branchA.wonByLine).toEqual({ Licences: 50_000 });
    expect(branchA.weightedPipeline).toBe(7_000);
    expect(json.profitTarget.source).toBe('auto');
  });

  it('when the companies CSV has the parent columns, then an id or a unique name links the child, and anything else is named', () => {
    const companies = [
      'Record ID,Company name,Associated Company IDs (Parent),Parent Company',
      '1,Holding AG,,',
      '2,Branch Nord,1,Holding AG',
      '3,Branch Süd,,holding ag',
      '4,Orphan,,Nobody Inc',
    ].join('\n');
    const deals = 'Record ID,Amount,Close Date,Is Closed Won,Is closed,Associated Company IDs\n9,1000,2026-06-01,true,true,2\n';
    const loaded = readPortfolioCsv({ text: companies, source: 'c.csv' }, { text: deals, source: 'd.csv' });
    expect(loaded.companies.map((c) => [c.id, c.parentId ?? null])).toEqual([['1', null], ['2', '1'], ['3', '1'], ['4', null]]);
    expect(loaded.rowNotes.get('4')).toEqual(["parent company 'Nobody Inc' is not in c.csv; scored as the top of its own group"]);
  });

  it('when an import-style deals file links companies by "Associated Company Domain", then each deal reaches the company of that domain', () => {
    const companies = 'Record ID,Company name,Company Domain Name\n1,Acme,acme.com\n2,Globex,https://www.Globex.com/\n';
    const deals = [
      'Deal Name,Amount,Close Date,Deal Stage,Associated Company Domain',
      'One,300000,2026-03-01,Closed Won,www.acme.com',
      'Two,100000,2027-01-15,qualifiedtobuy,globex.com',
      'Three,5000,2026-03-01,Closed Won,initech.com',
    ].join('\n');
    const loaded = readPortfolioCsv({ text: companies, source: 'c.csv' }, { text: deals, source: 'd.csv' });
    expect(loaded.companies[0]!.deals!.map((d) => d.properties.amount)).toEqual(['300000']);
    expect(loaded.companies[0]!.deals![0]!.properties).toMatchObject({ hs_is_closed_won: 'true', hs_is_closed: 'true' });
    expect(loaded.companies[1]!.deals!.map((d) => d.properties.dealstage)).toEqual(['qualifiedtobuy']);
    expect(loaded.fileNotes).toContain('1 company domain(s) in d.csv match no company of c.csv (initech.com)');
  });
});

describe('whitespace in the summary', () => {
  it('when customers bought by product line, then the summary lists where the most is left to win, with its largest lines', async () => {
    const item = (id: string, line: string, amount: number) => ({ id, properties: { amount: String(amount) }, product: { id: `p-${line}`, properties: { name: line } } });
    const file = {
      asOf: '2026-11-22',
      companies: [
        { id: '1', properties: { name: 'Acme', kam_category_spend: '1000000' }, deals: [won('11', 100_000, { lineItems: [item('a', 'Licences', 60_000), item('b', 'Services', 40_000)] })] },
        { id: '2', properties: { name: 'Globex', kam_category_spend: '200000' }, deals: [won('21', 100_000, { lineItems: [item('c', 'Hardware', 100_000)] })] },
      ],
    };
    const run = fakeIo({ 'w.json': JSON.stringify(file) });
    expect(await runScore({ file: 'w.json' }, run.io)).toBe(0);
    const out = run.stdout();
    // Mix: Licences 30 %, Services 20 %, Hardware 50 %. Acme: 1,000,000 × each, less what it won: 240,000 + 160,000 + 500,000.
    expect(out).toContain('Largest whitespace (expected spend by product line not yet won): 2 accounts');
    expect(out).toMatch(/Acme +900,000 +Hardware 500,000, Licences 240,000, Services 160,000/);
  });
});
