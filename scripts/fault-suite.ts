// `npx tsx scripts/fault-suite.ts [--ci] [--only R4,R7]`: the reliability scenarios of quality.md
// (R2 Redis restart, R3 worker SIGKILL, R4 HubSpot faults, R5 duplicate/late delivery, R7 three
// workers) at full size (R4: 20,000 events) or CI size, against the sandbox, real Redis and real
// worker processes; prints one row per scenario and exits 1 if any count that must be 0 is not.
// Redis: REDIS_URL or 127.0.0.1:6379, the first that answers, else a private redis-server.
import { randomUUID } from 'node:crypto';
import { prefixer } from '../test/faults/scenarios/scenario-options.ts';
import { runScenario, SCENARIO_IDS, scenarioOptions, type ScenarioId } from '../test/faults/scenarios/suite.ts';
import { emptyRow, formatTable, mustBeZero, type FaultRow } from '../test/faults/support/fault-row.ts';
import { runRedis } from '../test/support/private-redis.ts';

const args = process.argv.slice(2);
const size = args.includes('--ci') ? 'ci' : 'full';
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? onlyArg.split(',').map((s) => s.trim().toUpperCase()) : undefined;
const ids = SCENARIO_IDS.filter((id) => !only || only.includes(id));

const redis = await runRedis();
const rows: FaultRow[] = [];
const runId = randomUUID().slice(0, 8);
console.log(`fault suite, ${size} sizes, Redis ${redis.url}${redis.own ? ' (private)' : ''}: ${ids.join(', ')}`);
for (const id of ids as ScenarioId[]) {
  const started = Date.now();
  try {
    const row = await runScenario(id, size, scenarioOptions(id, size, redis.url, prefixer(runId)));
    row.notes.push(`ran ${Math.round((Date.now() - started) / 1000)} s`);
    rows.push(row);
  } catch (err) {
    const row = emptyRow(id, 'did not finish');
    row.notes.push(err instanceof Error ? err.message : String(err));
    row.failedJobs = -1;
    rows.push(row);
  }
  console.log(`${id} done in ${Math.round((Date.now() - started) / 1000)} s`);
}
await redis.dispose();
console.log(`\n${formatTable(rows)}`);
const bad = rows.filter((r) => Object.values(mustBeZero(r)).some((n) => n !== 0));
if (bad.length) console.log(`\nnot zero: ${bad.map((r) => r.id).join(', ')}`);
process.exit(bad.length ? 1 : 0);
