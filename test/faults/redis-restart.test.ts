// R2 at CI size: Redis shut down for a few seconds in the middle of a burst (a private redis-server).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runRedisRestart } from './scenarios/redis-restart.ts';
import { prefixer } from './scenarios/scenario-options.ts';
import { OUTAGE_MS, scenarioOptions } from './scenarios/suite.ts';
import { formatTable, mustBeZero } from './support/fault-row.ts';

describe('R2: Redis unreachable while webhooks arrive', () => {
  it('when Redis stops mid-burst and restarts, then the receiver answers 503, the retries are accepted and no event is lost', { timeout: 300_000 }, async () => {
    const result = await runRedisRestart({ ...scenarioOptions('R2', 'ci', '', prefixer(randomUUID().slice(0, 8))), outageMs: OUTAGE_MS.ci });
    console.log(formatTable([result.row]));
    expect(result.refused).toBeGreaterThan(0);
    expect(mustBeZero(result.row)).toEqual({ lost: 0, companiesWrong: 0, duplicateTasks: 0, missingTasks: 0, failedJobs: 0 });
    // Every event was acknowledged once Redis was back (the refused ones on a retry).
    expect(result.row.accepted).toBe(result.row.events);
  });
});
