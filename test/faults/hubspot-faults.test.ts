// R4 at CI size (3,000 events; 20,000 in scripts/fault-suite.ts): HubSpot answers 10 % 5xx, 5 % 429,
// 2 % never (the app's request timeout ends them) and expires 2 % of the tokens under the call.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runHubSpotFaults } from './scenarios/hubspot-faults.ts';
import { prefixer } from './scenarios/scenario-options.ts';
import { REQUEST_TIMEOUT_MS, scenarioOptions } from './scenarios/suite.ts';
import { formatTable, mustBeZero } from './support/fault-row.ts';
import { testRedisUrl } from '../support/redis.ts';

describe('R4: HubSpot faults during a burst', () => {
  it('when HubSpot fails, rate-limits, hangs and expires tokens, then the state converges and no job is left failed', { timeout: 600_000 }, async () => {
    const result = await runHubSpotFaults({ ...scenarioOptions('R4', 'ci', testRedisUrl(), prefixer(randomUUID().slice(0, 8))), requestTimeoutMs: REQUEST_TIMEOUT_MS.ci });
    console.log(formatTable([result.row]));
    expect(mustBeZero(result.row)).toEqual({ lost: 0, companiesWrong: 0, duplicateTasks: 0, missingTasks: 0, failedJobs: 0 });
    // Every kind of fault really happened, the hung calls included (ended by the app's timeout).
    expect(Object.values(result.faults).every((n) => n > 0)).toBe(true);
    expect(result.row.accepted).toBe(result.row.events);
  });
});
