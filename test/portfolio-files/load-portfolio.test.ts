import { describe, expect, it } from 'vitest';
import { loadPortfolio } from '../../src/portfolio-files/load-portfolio.ts';

const files: Record<string, string> = {
  'p.json': '{"asOf": "2026-11-22", "companies": [{"id": "1", "properties": {}}]}',
  'c.csv': 'Record ID,Company name\n1,Acme\n',
  'd.csv': 'Record ID,Amount,Associated Company IDs\n10,5,1\n',
};
const readText = async (path: string): Promise<string> => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

describe('loadPortfolio', () => {
  it('when given a JSON file, then it reads the portfolio JSON', async () => {
    const loaded = await loadPortfolio({ file: 'p.json' }, readText);
    expect(loaded.asOf).toBe('2026-11-22');
    expect(loaded.companies.map((c) => c.id)).toEqual(['1']);
  });

  it('when given --companies and --deals, or a CSV file with --deals, then it joins the two exports', async () => {
    for (const source of [{ companies: 'c.csv', deals: 'd.csv' }, { file: 'c.csv', deals: 'd.csv' }]) {
      const loaded = await loadPortfolio(source, readText);
      expect(loaded.companies[0]?.deals?.map((d) => d.id)).toEqual(['10']);
    }
  });

  it.each([
    [{}, /no portfolio given/],
    [{ file: 'c.csv' }, /c\.csv is a CSV file: give the deals export too/],
    [{ companies: 'c.csv' }, /needs both files/],
    [{ file: 'p.json', companies: 'c.csv', deals: 'd.csv' }, /either a portfolio file .* not both/],
    [{ file: 'missing.json' }, /^cannot read missing\.json: no such file$/],
  ])('when the source is %j, then it is refused with a clear message', async (source, message) => {
    await expect(loadPortfolio(source, readText)).rejects.toThrow(message);
  });
});
