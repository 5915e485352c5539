// `kam backfill --portal ID`: queues a full portfolio pass for a portal and follows it with a
// progress bar until a worker has finished it (start workers with `npm start` or `npm run worker`).
import { SingleBar, Presets } from 'cli-progress';
import type { Queue } from 'bullmq';
import type { Command } from 'commander';
import { requestPass } from '../queues.ts';
import { EXIT_INPUT } from './cli-io.ts';
import type { CliIo } from './cli-io.ts';
import { createPortalStore } from '../store/portal-store.ts';
import { PortfolioInputs } from '../store/portfolio-inputs.ts';
import { plural } from './plural.ts';
import { openQueues } from './queue-access.ts';

interface PassProgress {
  phase?: 'reading' | 'writing' | 'done';
  companies?: number;
  written?: number;
}

/** What a pass returns (jobs/portfolio-pass.ts PassOutcome), read loosely: it crossed Redis as JSON. */
interface PassResult {
  companies?: number;
  updated?: number;
  tasksCreated?: number;
  failedIds?: string[];
}

const PHASE_LABEL = { reading: 'reading and scoring', writing: 'writing to HubSpot', done: 'done' } as const;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Follows a pass with a bar. `expected` is the portal's company count as the app last saw it, so
 * the bar has its real total from the start; the read count takes over if the portal grew.
 */
export async function followJob(queue: Queue, jobId: string, io: CliIo, opts: { pollMs?: number; timeoutMs?: number; stream?: NodeJS.WritableStream; expected?: number } = {}): Promise<'completed' | 'failed' | 'timeout'> {
  const bar = new SingleBar({ format: ' {phase} [{bar}] {value}/{total} companies', stream: opts.stream ?? process.stderr, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
  const expected = opts.expected ?? 0;
  bar.start(Math.max(1, expected), 0, { phase: 'waiting for a worker' });
  const deadline = Date.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  try {
    for (;;) {
      const state = await queue.getJobState(jobId);
      const fresh = await queue.getJob(jobId);
      const p = (fresh?.progress ?? {}) as PassProgress;
      if (p.phase) {
        const read = p.companies ?? 0;
        // Reading: companies read of those expected. Writing: written of all read.
        bar.setTotal(Math.max(1, p.phase === 'reading' ? Math.max(expected, read) : read));
        bar.update(p.phase === 'reading' ? read : (p.written ?? 0), { phase: PHASE_LABEL[p.phase] });
      }
      if (state === 'completed' || state === 'failed') {
        if (state === 'failed') io.stderr(`\npass failed: ${fresh?.failedReason ?? 'unknown reason'} (see kam jobs failed)\n`);
        return state;
      }
      if (Date.now() > deadline) return 'timeout';
      await sleep(opts.pollMs ?? 500);
    }
  } finally {
    bar.stop();
  }
}

/** The last line of a backfill, for people: "Portal 1: 500 companies scored, 12 updated in HubSpot, 3 tasks created, in 41 s." */
export function describePass(portalId: string, result: PassResult, durationMs: number | undefined): string {
  const parts = [
    `${plural(result.companies ?? 0, 'company', 'companies')} scored`,
    `${(result.updated ?? 0).toLocaleString('en-US')} updated in HubSpot`,
    `${plural(result.tasksCreated ?? 0, 'task')} created`,
  ];
  const failed = result.failedIds?.length ?? 0;
  if (failed > 0) parts.push(`${plural(failed, 'company', 'companies')} not written (HubSpot refused; the next pass tries again)`);
  const took = durationMs === undefined ? '' : `, in ${durationMs < 10_000 ? (durationMs / 1000).toFixed(1) : Math.round(durationMs / 1000)} s`;
  return `Portal ${portalId}: ${parts.join(', ')}${took}.`;
}

export function registerBackfillCommand(program: Command, io: CliIo): void {
  program.command('backfill').description("Recompute a portal's whole portfolio now (a full pass), with progress")
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id')
    .option('--no-wait', 'queue the pass and return')
    .action(async (opts: { portal: string; wait: boolean }) => {
      if (!/^\d+$/.test(opts.portal)) {
        io.stderr(`--portal must be a numeric HubSpot portal id, not '${opts.portal}'\n`);
        io.setExitCode(EXIT_INPUT);
        return;
      }
      const access = await openQueues(io);
      try {
        const prefix = access.config.QUEUE_PREFIX;
        if (!(await createPortalStore({ redis: access.redis, prefix }).isInstalled(opts.portal))) {
          io.stderr(`portal ${opts.portal} has not installed the app (see kam portal list)\n`);
          io.setExitCode(EXIT_INPUT);
          return;
        }
        const expected = await new PortfolioInputs(access.redis, prefix, opts.portal).count();
        const id = await requestPass(access.queues.pass as never, opts.portal, 'manual');
        io.stdout(`full pass queued for portal ${opts.portal} (job ${id})\n`);
        if (!opts.wait || !id) return;
        const end = await followJob(access.queues.pass, id, io, { expected });
        const done = await access.queues.pass.getJob(id);
        const took = done?.finishedOn && done.processedOn ? done.finishedOn - done.processedOn : undefined;
        if (end === 'completed') io.stdout(`${describePass(opts.portal, (done?.returnvalue ?? {}) as PassResult, took)}\n`);
        else io.setExitCode(EXIT_INPUT);
      } finally {
        await access.close();
      }
    });
}
