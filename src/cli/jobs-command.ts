// `kam jobs failed` lists the jobs that failed after all their retries (kept for this purpose);
// `kam jobs retry ID… | --all` puts them back in the queue.
import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { EXIT_USAGE } from './cli-io.ts';
import { formatTable } from './format-table.ts';
import { plural } from './plural.ts';
import { openQueues, type QueueAccess } from './queue-access.ts';

type QueueName = 'flush' | 'pass';
const QUEUE_NAMES: QueueName[] = ['flush', 'pass'];

function queuesFrom(option: string | undefined): QueueName[] {
  if (!option) return QUEUE_NAMES;
  if (!QUEUE_NAMES.includes(option as QueueName)) throw new Error(`unknown queue '${option}' (flush or pass)`);
  return [option as QueueName];
}

export async function listFailed(access: QueueAccess, io: CliIo, opts: { queue?: string; limit: number }): Promise<number> {
  const rows: string[][] = [];
  for (const name of queuesFrom(opts.queue)) {
    for (const job of await access.queues[name].getFailed(0, opts.limit - 1)) {
      rows.push([name, String(job.id), String(job.data?.portalId ?? ''), String(job.attemptsMade), job.finishedOn ? new Date(job.finishedOn).toISOString() : '', (job.failedReason ?? '').slice(0, 80)]);
    }
  }
  if (rows.length === 0) {
    io.stdout('No failed jobs.\n');
    return rows.length;
  }
  const columns = [{ header: 'queue' }, { header: 'job' }, { header: 'portal' }, { header: 'attempts', align: 'right' as const }, { header: 'failed at' }, { header: 'reason', max: 80 }];
  io.stdout(`${formatTable(columns, rows).join('\n')}\n`);
  io.stdout(`${plural(rows.length, 'failed job')}. Retry with: kam jobs retry ${rows[0]?.[1] ?? 'ID'} (or --all)\n`);
  return rows.length;
}

export async function retryFailed(access: QueueAccess, io: CliIo, ids: string[], opts: { queue?: string; all?: boolean }): Promise<number> {
  let retried = 0;
  for (const name of queuesFrom(opts.queue)) {
    const failed = await access.queues[name].getFailed(0, -1);
    for (const job of failed.filter((j) => opts.all || ids.includes(String(j.id)))) {
      await job.retry('failed');
      io.stdout(`retried ${name} job ${job.id} (portal ${job.data?.portalId ?? '?'})\n`);
      retried += 1;
    }
  }
  if (retried === 0) io.stdout('Nothing to retry.\n');
  return retried;
}

export function registerJobsCommand(program: Command, io: CliIo): void {
  const jobs = program.command('jobs').description('Inspect and replay jobs that failed after all retries');
  jobs.command('failed').description('List failed jobs')
    .option('--queue <name>', 'flush or pass (default both)')
    .option('--limit <n>', 'at most this many per queue', (v) => Number(v), 50)
    .action(async (opts: { queue?: string; limit: number }) => {
      const access = await openQueues(io);
      try {
        await listFailed(access, io, opts);
      } finally {
        await access.close();
      }
    });
  jobs.command('retry').description('Put failed jobs back in their queue').argument('[ids...]', 'job ids')
    .option('--all', 'every failed job').option('--queue <name>', 'flush or pass (default both)')
    .action(async (ids: string[], opts: { queue?: string; all?: boolean }) => {
      if (!opts.all && ids.length === 0) {
        io.stderr('Name job ids or use --all.\n');
        io.setExitCode(EXIT_USAGE);
        return;
      }
      const access = await openQueues(io);
      try {
        await retryFailed(access, io, ids, opts);
      } finally {
        await access.close();
      }
    });
}
