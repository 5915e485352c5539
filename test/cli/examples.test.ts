// The committed example portfolio is what its script generates, and its two forms agree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleFiles } from '../../examples/generate-examples.ts';
import { runScore } from '../../src/cli/score-command.ts';
import { fakeIo } from './fake-io.ts';

const committed = (name: string) => readFileSync(`examples/${name}`, 'utf8');

describe('examples', () => {
  it('when the examples are generated again, then they equal the committed files byte for byte', () => {
    for (const [name, text] of Object.entries(exampleFiles())) expect(text, name).toBe(committed(name));
  });

  it('when the JSON and the CSV exports are scored, then every company gets the same figures', async () => {
    const files = { 'p.json': committed('portfolio.json'), 'c.csv': committed('companies.csv'), 'd.csv': committed('deals.csv') };
    const fromJson = fakeIo(files);
    const fromCsv = fakeIo(files);
    await runScore({ file: 'p.json', format: 'json' }, fromJson.io);
    await runScore({ companies: 'c.csv', deals: 'd.csv', asOf: '2026-11-22', format: 'json' }, fromCsv.io);
    // The export shows the owner's name where the API has the id; nothing else may differ.
    const strip = (text: string) => JSON.parse(text).accounts.map((a: Record<string, unknown>) => ({ ...a, ownerId: null }));
    const json = strip(fromJson.stdout());
    expect(json).toHaveLength(300);
    expect(strip(fromCsv.stdout())).toEqual(json);
  });
});
