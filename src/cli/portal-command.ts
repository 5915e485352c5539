// `kam portal list` shows the portals the app knows; `kam portal remove --portal ID` deletes all of
// a portal's data (tokens, state, settings, plays) after an uninstall or on request.
import type { Command } from 'commander';
import { createLogger } from '../logger.ts';
import { removePortalJobs } from '../queues.ts';
import { createStateRedis } from '../redis-connections.ts';
import { createPortalStore } from '../store/portal-store.ts';
import { removePortalState } from '../store/remove-portal-state.ts';
import { EXIT_USAGE, type CliIo } from './cli-io.ts';
import { connectTarget } from './cli-redis.ts';
import { formatTable } from './format-table.ts';
import { openQueues } from './queue-access.ts';

async function open(io: CliIo) {
  const { config, url } = await connectTarget(io);
  const redis = createStateRedis(url, createLogger({ level: 'silent' }));
  return { redis, prefix: config.QUEUE_PREFIX };
}

export function registerPortalCommand(program: Command, io: CliIo): void {
  const portal = program.command('portal').description('Installed HubSpot portals');
  portal.command('list').description('List the portals and their install state').action(async () => {
    const { redis, prefix } = await open(io);
    try {
      const store = createPortalStore({ redis, prefix });
      const rows = [];
      for (const id of await store.listInstalled()) {
        const p = await store.get(id);
        rows.push([id, p?.status ?? '?', p?.installedAt ? new Date(p.installedAt).toISOString() : '']);
      }
      io.stdout(rows.length ? `${formatTable([{ header: 'portal' }, { header: 'status' }, { header: 'installed at' }], rows).join('\n')}\n` : 'No portal installed.\n');
    } finally {
      redis.disconnect();
    }
  });
  portal.command('remove').description("Delete every piece of a portal's data (tokens, state, settings, plays)")
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id').option('--yes', 'do not ask again')
    .action(async (opts: { portal: string; yes?: boolean }) => {
      if (!/^\d+$/.test(opts.portal)) {
        io.stderr(`--portal must be a numeric portal id\n`);
        io.setExitCode(EXIT_USAGE);
        return;
      }
      if (!opts.yes) {
        io.stderr(`This deletes all data of portal ${opts.portal}. Run again with --yes to confirm.\n`);
        io.setExitCode(EXIT_USAGE);
        return;
      }
      const access = await openQueues(io);
      try {
        const { deadLettersChanged } = await removePortalState(access.redis, access.config.QUEUE_PREFIX, opts.portal);
        const jobs = await removePortalJobs(access.redis, Object.values(access.queues), opts.portal);
        io.stdout(`portal ${opts.portal}: tokens, state, settings and plays removed; ${jobs} job(s) removed; ${deadLettersChanged} dead letter(s) cleaned\n`);
      } finally {
        await access.close();
      }
    });
}
