// `kam backfill --portal ID`: queues a full portfolio pass for a portal and follows it with a
// progress bar until a worker has finished it (start workers with `npm start` or `npm run worker`).
import { SingleBar, Presets } from 'cli-progress';
import type { Queue } from 'bullmq';
import type { Command } from 'commander';
import { requestPass } from '../queues.ts';
import { EXIT_INPUT } from './cli-io.ts';
import type { CliIo } from './cli-io.ts';
import { openQueues } from './queue-access.ts';

interface PassProgress {
  phase?: 'reading' | 'writing' | 'done';
  companies?: number;
  written?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function followJob(queue: Queue, jobId: string, io: CliIo, opts: { pollMs?: number; timeoutMs?: number; stream?: NodeJS.WritableStream } = {}): Promise<'completed' | 'failed' | 'timeout'> {
  const bar = new SingleBar({ format: ' {phase} [{bar}] {value}/{total} companies', stream: opts.stream ?? process.stderr, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
  bar.start(1, 0, { phase: 'waiting for a worker' });
  const deadline = Date.now() + (opts.timeoutMs ?? Number.POSITIVE_INFINITY);
  try {
    for (;;) {
      const state = await queue.getJobState(jobId);
      const fresh = await queue.getJob(jobId);
      const p = (fresh?.progress ?? {}) as PassProgress;
      // Reading: the total is not known yet, so the bar shows what was read. Writing: out of all read.
      if (p.phase) {
        bar.setTotal(Math.max(1, p.companies ?? 0));
        bar.update(p.phase === 'reading' ? (p.companies ?? 0) : (p.written ?? 0), { phase: p.phase });
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
        const id = await requestPass(access.queues.pass as never, opts.portal, 'manual');
        io.stdout(`full pass queued for portal ${opts.portal} (job ${id})\n`);
        if (!opts.wait || !id) return;
        const end = await followJob(access.queues.pass, id, io);
        const done = await access.queues.pass.getJob(id);
        if (end === 'completed') io.stdout(`done: ${JSON.stringify(done?.returnvalue ?? {})}\n`);
        else io.setExitCode(EXIT_INPUT);
      } finally {
        await access.close();
      }
    });
}
