import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/format-table.ts';

describe('formatTable', () => {
  it('when cells differ in width, then columns are padded, numbers right-aligned and long text cut', () => {
    const lines = formatTable(
      [{ header: 'name', max: 8 }, { header: 'count', align: 'right' }],
      [['Acme', '5'], ['A very long name', '12345']],
    );
    expect(lines).toEqual(['  name      count', '  Acme          5', '  A very …  12345']);
  });
});
