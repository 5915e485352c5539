// R7 at CI size: three worker processes against one single-worker run of the same burst.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runThreeWorkers } from './scenarios/three-workers.ts';
import { prefixer } from './scenarios/scenario-options.ts';
import { scenarioOptions } from './scenarios/suite.ts';
import { formatTable, mustBeZero } from './support/fault-row.ts';
import { testRedisUrl } from '../support/redis.ts';

describe('R7: three worker processes on one Redis', () => {
  it('when three workers share the burst, then no company is recomputed by two at once, nothing is lost, and writes stay within 1.05 × one worker', { timeout: 300_000 }, async () => {
    const result = await runThreeWorkers(scenarioOptions('R7', 'ci', testRedisUrl(), prefixer(randomUUID().slice(0, 8))));
    console.log(formatTable([result.row]));
    expect(mustBeZero(result.row)).toEqual({ lost: 0, companiesWrong: 0, duplicateTasks: 0, missingTasks: 0, failedJobs: 0 });
    expect(result.overlaps).toEqual([]);
    expect(result.writes.one.records).toBeGreaterThan(0);
    expect(result.writeRatio).toBeLessThanOrEqual(1.05);
    // The work really was shared: more than one process recomputed companies.
    expect(Object.keys(result.rounds).length).toBeGreaterThan(1);
    expect(result.row.events).toBeGreaterThanOrEqual(3000);
    expect(result.row.accepted).toBe(result.row.events);
  });
});
