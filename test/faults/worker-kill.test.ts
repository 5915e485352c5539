// R3 at CI size: SIGKILL of a worker process right after HubSpot created a round's tasks.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runWorkerKill } from './scenarios/worker-kill.ts';
import { prefixer } from './scenarios/scenario-options.ts';
import { scenarioOptions } from './scenarios/suite.ts';
import { formatTable, mustBeZero } from './support/fault-row.ts';
import { testRedisUrl } from '../support/redis.ts';

describe('R3: a worker killed mid-batch', () => {
  it('when the worker dies after HubSpot created its tasks, then a new worker recomputes every dirty company, the state equals a recompute and no task is duplicated', { timeout: 300_000 }, async () => {
    const result = await runWorkerKill(scenarioOptions('R3', 'ci', testRedisUrl(), prefixer(randomUUID().slice(0, 8))));
    console.log(formatTable([result.row]));
    expect(result.killedAfter?.kind).toBe('tasks.batchCreate');
    expect(mustBeZero(result.row)).toEqual({ lost: 0, companiesWrong: 0, duplicateTasks: 0, missingTasks: 0, failedJobs: 0 });
    expect(result.row.accepted).toBe(result.row.events);
  });
});
