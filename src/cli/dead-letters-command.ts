// `kam dead-letters list|show|replay|drop`: the authentic webhook batches our schema refused (kept
// whole, HubSpot will not send them again). List them, read one, replay them through the live
// path once the schema is fixed (an entry leaves only when its marks are durable), or drop them.
import type { Command } from 'commander';
import { createFlushQueue } from '../queues.ts';
import { deadLetterUsage, getDeadLetter, listDeadLetters, removeDeadLetter } from '../store/dead-letters.ts';
import { createInstalledCheck } from '../../webhooks/installed-portals.ts';
import { replayDeadLetter } from '../../webhooks/replay-dead-letter.ts';
import { EXIT_INPUT, EXIT_USAGE, type CliIo } from './cli-io.ts';
import { formatTable } from './format-table.ts';
import { openQueues, type QueueAccess } from './queue-access.ts';
import { terminalText } from './terminal-text.ts';

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function listCommand(access: QueueAccess, io: CliIo, opts: { limit: number }): Promise<void> {
  const prefix = access.config.QUEUE_PREFIX;
  const [entries, usage] = await Promise.all([listDeadLetters(access.redis, prefix, opts.limit), deadLetterUsage(access.redis, prefix)]);
  if (!entries.length) {
    io.stdout('No dead letters.\n');
    return;
  }
  const rows = entries.map((e) => [e.id, new Date(e.receivedAt).toISOString(), e.reason, String(e.bytes), e.issues[0] ?? '']);
  io.stdout(`${formatTable([{ header: 'id' }, { header: 'received' }, { header: 'reason' }, { header: 'bytes', align: 'right' }, { header: 'first problem', max: 70 }], rows).join('\n')}\n`);
  io.stdout(`${usage.entries} dead letter(s), ${mib(usage.bytes)}${usage.entries > entries.length ? ` (the newest ${entries.length} shown)` : ''}. Read one with: kam dead-letters show ID\n`);
}

export async function showCommand(access: QueueAccess, io: CliIo, id: string): Promise<void> {
  const entry = await getDeadLetter(access.redis, access.config.QUEUE_PREFIX, id);
  if (!entry) {
    io.stderr(`No dead letter ${terminalText(id)}.\n`);
    io.setExitCode(EXIT_INPUT);
    return;
  }
  io.stdout(`${entry.id}, received ${new Date(entry.receivedAt).toISOString()}, ${entry.reason}:\n`);
  for (const issue of entry.issues) io.stdout(`  ${terminalText(issue)}\n`);
  // The body as JSON text: JSON.stringify escapes every control character it holds.
  io.stdout(`${JSON.stringify(entry.body)}\n`);
}

async function idsFrom(access: QueueAccess, ids: string[], all: boolean | undefined): Promise<string[]> {
  if (!all) return ids;
  const everything = await listDeadLetters(access.redis, access.config.QUEUE_PREFIX, 1_000_000);
  return everything.map((e) => e.id).reverse(); // oldest first, as they arrived
}

export async function replayCommand(access: QueueAccess, io: CliIo, ids: string[], opts: { all?: boolean }): Promise<void> {
  const { config, redis } = access;
  const prefix = config.QUEUE_PREFIX;
  const flushQueue = createFlushQueue(redis, prefix);
  const deps = {
    redis, prefix, flushQueue, appId: config.HUBSPOT_APP_ID, flushDelayMs: config.FLUSH_DELAY_MS,
    installed: createInstalledCheck({ redis, prefix }),
  };
  let failed = 0;
  try {
    for (const id of await idsFrom(access, ids, opts.all)) {
      const outcome = await replayDeadLetter(deps, id);
      if (outcome.kind === 'replayed') {
        io.stdout(`replayed ${id}: ${outcome.events} event(s) for ${outcome.portals.length} installed portal(s)\n`);
      } else if (outcome.kind === 'still-invalid') {
        failed += 1;
        io.stdout(`kept ${id}: still refused by the schema: ${terminalText(outcome.issues.slice(0, 3).join('; '))}\n`);
      } else {
        failed += 1;
        io.stdout(`no dead letter ${terminalText(id)}\n`);
      }
    }
  } finally {
    await flushQueue.close();
  }
  if (failed) io.setExitCode(EXIT_INPUT);
}

export async function dropCommand(access: QueueAccess, io: CliIo, ids: string[], opts: { all?: boolean }): Promise<void> {
  let dropped = 0;
  for (const id of await idsFrom(access, ids, opts.all)) {
    if (await removeDeadLetter(access.redis, access.config.QUEUE_PREFIX, id)) dropped += 1;
    else io.stdout(`no dead letter ${terminalText(id)}\n`);
  }
  io.stdout(`dropped ${dropped} dead letter(s)\n`);
}

export function registerDeadLettersCommand(program: Command, io: CliIo, open: () => Promise<QueueAccess> = () => openQueues(io)): void {
  const withAccess = (run: (access: QueueAccess) => Promise<void>) => async () => {
    const access = await open();
    try {
      await run(access);
    } finally {
      await access.close();
    }
  };
  const needIds = (ids: string[], all: boolean | undefined): boolean => {
    if (all || ids.length) return true;
    io.stderr('Name dead-letter ids or use --all.\n');
    io.setExitCode(EXIT_USAGE);
    return false;
  };
  const dead = program.command('dead-letters').description('Webhook batches our schema refused: list, read, replay or drop them');
  dead.command('list').description('The newest dead letters, with their size and first problem')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
    .action((opts: { limit: number }) => withAccess((a) => listCommand(a, io, opts))());
  dead.command('show').description('One dead letter: its problems and its body').argument('<id>')
    .action((id: string) => withAccess((a) => showCommand(a, io, id))());
  dead.command('replay').description('Run dead letters through the live path again (after a schema fix)').argument('[ids...]')
    .option('--all', 'every dead letter, oldest first')
    .action(async (ids: string[], opts: { all?: boolean }) => {
      if (needIds(ids, opts.all)) await withAccess((a) => replayCommand(a, io, ids, opts))();
    });
  dead.command('drop').description('Delete dead letters for good').argument('[ids...]')
    .option('--all', 'every dead letter').option('--yes', 'confirm --all')
    .action(async (ids: string[], opts: { all?: boolean; yes?: boolean }) => {
      if (opts.all && !opts.yes) {
        io.stderr('Dropping every dead letter cannot be undone: add --yes.\n');
        io.setExitCode(EXIT_USAGE);
        return;
      }
      if (needIds(ids, opts.all)) await withAccess((a) => dropCommand(a, io, ids, opts))();
    });
}
