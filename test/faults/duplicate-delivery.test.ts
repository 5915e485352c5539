// R5 at CI size: every batch delivered twice, shuffled, a quarter late, with deletions and restores.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runDuplicateDelivery } from './scenarios/duplicate-delivery.ts';
import { prefixer } from './scenarios/scenario-options.ts';
import { scenarioOptions } from './scenarios/suite.ts';
import { formatTable, mustBeZero } from './support/fault-row.ts';
import { testRedisUrl } from '../support/redis.ts';

describe('R5: duplicate, out-of-order and late delivery', () => {
  it('when every batch arrives twice, shuffled and partly late, then the result equals in-order single delivery', { timeout: 300_000 }, async () => {
    const result = await runDuplicateDelivery(scenarioOptions('R5', 'ci', testRedisUrl(), prefixer(randomUUID().slice(0, 8))));
    console.log(formatTable([result.row]));
    expect(result.relay.posts).toBeGreaterThanOrEqual(2 * result.relay.batches);
    expect(mustBeZero(result.row)).toEqual({ lost: 0, companiesWrong: 0, duplicateTasks: 0, missingTasks: 0, failedJobs: 0 });
    expect(result.row.accepted).toBe(result.row.events);
  });
});
