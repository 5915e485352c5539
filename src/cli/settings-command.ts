// `kam settings get --portal ID`, `kam settings set --portal ID FILE` and `kam settings validate
// FILE`: the admins' settings from a terminal. Validation needs no Redis and names every problem
// (exit 2); `set` saves nothing on error, and on success bumps the model version and queues a pass,
// exactly as PUT /api/settings does.
import type { Queue } from 'bullmq';
import type { Command } from 'commander';
import { parseSettings, type SettingsResult } from '../model/settings.ts';
import { requestPass, type PassJobData } from '../queues.ts';
import { createPortalStore, type PortalStore } from '../store/portal-store.ts';
import { SettingsStore } from '../store/settings-store.ts';
import { EXIT_INPUT, EXIT_USAGE, type CliIo } from './cli-io.ts';
import { openQueues } from './queue-access.ts';

export interface SettingsAccess {
  settings: Pick<SettingsStore, 'get' | 'save'>;
  portals: Pick<PortalStore, 'listInstalled'>;
  passQueue: Queue<PassJobData>;
  close(): Promise<void>;
}

/** The app's Redis, prefix and pass queue, from the same environment the app reads. */
export async function openSettingsAccess(io: CliIo): Promise<SettingsAccess> {
  const access = await openQueues(io);
  const prefix = access.config.QUEUE_PREFIX;
  return {
    settings: new SettingsStore(access.redis, prefix),
    portals: createPortalStore({ redis: access.redis, prefix }),
    passQueue: access.queues.pass as Queue<PassJobData>,
    close: () => access.close(),
  };
}

type Read = { ok: true; input: unknown; result: SettingsResult } | { ok: false; code: number; message: string };

async function readFile(path: string, io: CliIo): Promise<Read> {
  let text: string;
  try {
    text = await io.readText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, code: EXIT_INPUT, message: `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}` };
  }
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, code: EXIT_USAGE, message: `${path} is not valid JSON: ${(err as Error).message}` };
  }
  // `{}` is valid (all defaults); anything but an object is a mistake, not a reset.
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, code: EXIT_USAGE, message: `${path} must hold one JSON object of settings` };
  }
  return { ok: true, input, result: parseSettings(input) };
}

/** Reads and validates FILE; prints every problem and returns the exit code, or the settings input. */
async function validFile(path: string, io: CliIo, command: string): Promise<{ code: number } | { input: unknown }> {
  const read = await readFile(path, io);
  if (!read.ok) {
    io.stderr(`kam settings ${command}: ${read.message}\n`);
    return { code: read.code };
  }
  if (!read.result.ok) {
    const n = read.result.problems.length;
    io.stderr(`kam settings ${command}: ${path} has ${n} problem${n === 1 ? '' : 's'}:\n${read.result.problems.map((p) => `  - ${p}\n`).join('')}`);
    return { code: EXIT_USAGE };
  }
  return { input: read.input };
}

export async function runSettingsValidate(path: string, io: CliIo): Promise<number> {
  const checked = await validFile(path, io, 'validate');
  if ('code' in checked) return checked.code;
  io.stdout(`${path}: valid settings\n`);
  return 0;
}

async function installedPortal(portalId: string, access: SettingsAccess, io: CliIo, command: string): Promise<boolean> {
  if (!/^\d{1,20}$/.test(portalId)) {
    io.stderr(`kam settings ${command}: --portal must be a numeric HubSpot portal id, not '${portalId}'\n`);
    return false;
  }
  const installed = await access.portals.listInstalled();
  if (installed.includes(portalId)) return true;
  io.stderr(`kam settings ${command}: portal ${portalId} has not installed the app (installed: ${installed.join(', ') || 'none'})\n`);
  return false;
}

export async function runSettingsGet(portalId: string, io: CliIo, open: (io: CliIo) => SettingsAccess | Promise<SettingsAccess>): Promise<number> {
  const access = await open(io);
  try {
    if (!(await installedPortal(portalId, access, io, 'get'))) return EXIT_USAGE;
    const stored = await access.settings.get(portalId);
    // Settings alone on stdout, so `get > file`, an edit, and `set file` round-trip.
    io.stdout(`${JSON.stringify(stored.settings, null, 2)}\n`);
    io.stderr(`portal ${portalId}, model version ${stored.version}\n`);
    return 0;
  } finally {
    await access.close();
  }
}

export async function runSettingsSet(portalId: string, path: string, io: CliIo, open: (io: CliIo) => SettingsAccess | Promise<SettingsAccess>): Promise<number> {
  const checked = await validFile(path, io, 'set');
  if ('code' in checked) return checked.code;
  const access = await open(io);
  try {
    if (!(await installedPortal(portalId, access, io, 'set'))) return EXIT_USAGE;
    const saved = await access.settings.save(portalId, checked.input);
    if (!saved.ok) {
      io.stderr(`kam settings set: ${saved.problems.map((p) => `\n  - ${p}`).join('')}\n`);
      return EXIT_USAGE;
    }
    const jobId = await requestPass(access.passQueue, portalId, 'settings');
    io.stdout(`saved settings for portal ${portalId} as model version ${saved.stored.version}; full pass queued (job ${jobId ?? '?'})\n`);
    return 0;
  } finally {
    await access.close();
  }
}

export function registerSettingsCommand(program: Command, io: CliIo, open: (io: CliIo) => SettingsAccess | Promise<SettingsAccess> = openSettingsAccess): void {
  const settings = program.command('settings').description("Show, change or check a portal's model settings");
  settings.command('get').description("Print a portal's settings as JSON (the version goes to stderr)")
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id')
    .action(async (opts: { portal: string }) => io.setExitCode(await runSettingsGet(opts.portal, io, open)));
  settings.command('set').description('Validate FILE and save it as the portal\'s settings; bumps the model version and queues a full pass')
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id').argument('<file>', 'settings JSON')
    .action(async (file: string, opts: { portal: string }) => io.setExitCode(await runSettingsSet(opts.portal, file, io, open)));
  settings.command('validate').description('Check a settings file; every problem is listed (exit 2). Needs no Redis')
    .argument('<file>', 'settings JSON')
    .action(async (file: string) => io.setExitCode(await runSettingsValidate(file, io)));
}
