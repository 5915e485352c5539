import { describe, expect, it } from 'vitest';
import { describePass } from '../../src/cli/backfill-command.ts';
import { plural } from '../../src/cli/plural.ts';

describe('the last line of kam backfill', () => {
  it('when a pass completes, then it reads as a sentence with the counts and the duration, not as JSON', () => {
    expect(describePass('24681357', { companies: 500, updated: 12, tasksCreated: 3, failedIds: [] }, 41_400))
      .toBe('Portal 24681357: 500 companies scored, 12 updated in HubSpot, 3 tasks created, in 41 s.');
  });

  it('when there is one of each, then the nouns are singular, and companies HubSpot refused are named', () => {
    expect(describePass('7', { companies: 1, updated: 1, tasksCreated: 1, failedIds: ['9'] }, 2_340))
      .toBe('Portal 7: 1 company scored, 1 updated in HubSpot, 1 task created, 1 company not written (HubSpot refused; the next pass tries again), in 2.3 s.');
  });

  it('when counted, then 0 and many take the plural and thousands are grouped', () => {
    expect([plural(0, 'company', 'companies'), plural(1, 'company', 'companies'), plural(10_000, 'failed job')]).toEqual(['0 companies', '1 company', '10,000 failed jobs']);
  });
});
