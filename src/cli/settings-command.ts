// `kam settings get|set|history|restore --portal ID` and `kam settings validate FILE`: the
// operator's settings from a terminal. Validation needs no Redis and names every problem (exit 2);
// `set` merges (or, with --replace, replaces) based on the version it read first, saves nothing on
// error, and on a change bumps the model version and queues a pass; every change is in the history.
import type { Queue } from 'bullmq';
import { InvalidArgumentError, type Command } from 'commander';
import { parseSettings, type SettingsResult } from '../model/settings.ts';
import { requestPass, type PassJobData } from '../queues.ts';
import { createPortalStore, type PortalStore } from '../store/portal-store.ts';
import { HISTORY_KEPT, OPERATOR, type Actor, type FieldChange } from '../store/settings-history.ts';
import { conflictMessage, SettingsStore, type WriteResult } from '../store/settings-store.ts';
import { EXIT_INPUT, EXIT_USAGE, type CliIo } from './cli-io.ts';
import { openQueues } from './queue-access.ts';

export interface SettingsAccess {
  settings: Pick<SettingsStore, 'get' | 'write' | 'history'>;
  portals: Pick<PortalStore, 'listInstalled'>;
  passQueue: Queue<PassJobData>;
  close(): Promise<void>;
}

export type OpenAccess = (io: CliIo) => SettingsAccess | Promise<SettingsAccess>;

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

export async function runSettingsGet(portalId: string, io: CliIo, open: OpenAccess): Promise<number> {
  const access = await open(io);
  try {
    if (!(await installedPortal(portalId, access, io, 'get'))) return EXIT_USAGE;
    const stored = await access.settings.get(portalId);
    // Settings alone on stdout, so `get > file`, an edit, and `set file` round-trip.
    io.stdout(`${JSON.stringify(stored.settings, null, 2)}\n`);
    io.stderr(`portal ${portalId}, model version ${stored.version}\n`);
    // Stored values that no longer validate are named, never silently replaced (what is printed uses the defaults for them).
    if (stored.problems.length) io.stderr(`stored settings that no longer validate:\n${stored.problems.map((p) => `  - ${plain(p)}\n`).join('')}`);
    return 0;
  } finally {
    await access.close();
  }
}

export interface SetOptions {
  /** Replace the settings with FILE on purpose (what FILE does not name goes back to its default). */
  replace?: boolean;
  /** Insist on this base version instead of reading the current one first. */
  ifVersion?: number;
}

// History and diffs print stored values: JSON escapes C0 controls, and C1 controls and DEL are
// replaced too, so no stored value can drive the terminal.
const shown = (value: unknown): string => (value === undefined ? '(unset)' : JSON.stringify(value).replace(/[\u007f-\u009f]/g, '?'));
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const plain = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
const who = (by: Actor): string => (by.type === 'hubspot-user' ? plain(`${by.email ?? 'user'} (HubSpot user ${by.userId})`) : by.type);
const changeLine = (c: FieldChange): string => `${plain(c.path)}: ${shown(c.before)} -> ${shown(c.after)}`;

function printWrite(io: CliIo, portalId: string, result: WriteResult, command: string, jobId: string | undefined): number {
  if (!result.ok) {
    if (result.reason === 'conflict') io.stderr(`kam settings ${command}: ${conflictMessage(result.baseVersion, result.currentVersion)}\n`);
    else if (result.reason === 'no-such-entry') io.stderr(`kam settings ${command}: portal ${portalId} has no history entry ${plain(result.entryId)} (see kam settings history)\n`);
    else io.stderr(`kam settings ${command}: nothing saved; ${result.problems.length === 1 ? 'one problem' : `${result.problems.length} problems`}:\n${result.problems.map((p) => `  - ${plain(p)}\n`).join('')}`);
    return EXIT_USAGE;
  }
  if (result.changed.length === 0) {
    io.stdout(`nothing changed for portal ${portalId}; model version stays ${result.stored.version}\n`);
    return 0;
  }
  io.stdout(`saved settings for portal ${portalId} as model version ${result.stored.version}; full pass queued (job ${jobId ?? '?'})\n`);
  io.stdout(result.changed.map((c) => `  ${changeLine(c)}\n`).join(''));
  return 0;
}

async function baseVersion(access: SettingsAccess, portalId: string, opts: SetOptions): Promise<number> {
  return opts.ifVersion ?? (await access.settings.get(portalId)).version;
}

/**
 * `set` merges FILE into the settings (RFC 7386: null resets a field to its default, what FILE does
 * not name stays); `--replace` replaces them. Either way the change is based on the version read
 * first (or --if-version), kept in the history as the operator's, and queues a pass.
 */
export async function runSettingsSet(portalId: string, path: string, io: CliIo, open: OpenAccess, opts: SetOptions = {}): Promise<number> {
  const read = await readFile(path, io);
  if (!read.ok) {
    io.stderr(`kam settings set: ${read.message}\n`);
    return read.code;
  }
  // A replacement must be whole settings: check it before opening Redis. A merge patch can only be
  // checked merged (its nulls and partial groups are not settings on their own).
  if (opts.replace) {
    const checked = await validFile(path, io, 'set');
    if ('code' in checked) return checked.code;
  }
  const access = await open(io);
  try {
    if (!(await installedPortal(portalId, access, io, 'set'))) return EXIT_USAGE;
    const base = await baseVersion(access, portalId, opts);
    const result = await access.settings.write(portalId, opts.replace
      ? { kind: 'replace', baseVersion: base, by: OPERATOR, settings: read.input }
      : { kind: 'patch', baseVersion: base, by: OPERATOR, settings: read.input });
    const jobId = result.ok && result.changed.length ? await requestPass(access.passQueue, portalId, 'settings') : undefined;
    return printWrite(io, portalId, result, 'set', jobId);
  } finally {
    await access.close();
  }
}

export async function runSettingsHistory(portalId: string, io: CliIo, open: OpenAccess, opts: { json?: boolean; limit?: number } = {}): Promise<number> {
  const access = await open(io);
  try {
    if (!(await installedPortal(portalId, access, io, 'history'))) return EXIT_USAGE;
    const entries = (await access.settings.history(portalId)).slice(0, opts.limit ?? HISTORY_KEPT);
    if (opts.json) {
      io.stdout(`${JSON.stringify(entries.map(({ after: _after, ...e }) => ({ ...e, changes: e.changes.map(({ keys: _keys, ...c }) => c) })), null, 2)}\n`);
      return 0;
    }
    if (entries.length === 0) {
      io.stdout(`portal ${portalId}: no settings change recorded yet\n`);
      return 0;
    }
    for (const e of entries) {
      const restored = e.restoredFrom ? ` (restored ${e.restoredFrom})` : '';
      io.stdout(`version ${e.version}  ${e.at}  ${who(e.by)}  ${e.kind}${restored}, based on version ${e.baseVersion}\n`);
      io.stdout(e.changes.map((c) => `    ${changeLine(c)}\n`).join(''));
    }
    io.stdout(`restore one with: kam settings restore --portal ${portalId} <version> [--before]\n`);
    return 0;
  } finally {
    await access.close();
  }
}

export async function runSettingsRestore(portalId: string, entryId: string, io: CliIo, open: OpenAccess, opts: SetOptions & { before?: boolean } = {}): Promise<number> {
  const access = await open(io);
  try {
    if (!(await installedPortal(portalId, access, io, 'restore'))) return EXIT_USAGE;
    const base = await baseVersion(access, portalId, opts);
    const result = await access.settings.write(portalId, { kind: 'restore', baseVersion: base, by: OPERATOR, entryId, state: opts.before ? 'before' : 'after' });
    const jobId = result.ok && result.changed.length ? await requestPass(access.passQueue, portalId, 'settings') : undefined;
    return printWrite(io, portalId, result, 'restore', jobId);
  } finally {
    await access.close();
  }
}

const version = (v: string): number => {
  if (!/^\d{1,15}$/.test(v)) throw new InvalidArgumentError('a settings version (a whole number)');
  return Number(v);
};

export function registerSettingsCommand(program: Command, io: CliIo, open: OpenAccess = openSettingsAccess): void {
  const settings = program.command('settings').description("Show, change, check, list the changes of, or restore a portal's model settings");
  settings.command('get').description("Print a portal's settings as JSON (the version goes to stderr)")
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id')
    .action(async (opts: { portal: string }) => io.setExitCode(await runSettingsGet(opts.portal, io, open)));
  settings.command('set')
    .description('Merge FILE into the portal\'s settings (JSON merge patch: null resets a field to its default, fields not named stay); bumps the model version and queues a full pass')
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id').argument('<file>', 'settings JSON')
    .option('--replace', 'replace the settings with FILE: every field FILE does not name goes back to its default')
    .option('--if-version <n>', 'save only if the settings are still at this version (default: the version read just before)', version)
    .action(async (file: string, opts: { portal: string; replace?: boolean; ifVersion?: number }) =>
      io.setExitCode(await runSettingsSet(opts.portal, file, io, open, { replace: opts.replace, ifVersion: opts.ifVersion })));
  settings.command('history').description('List the last changes of the portal\'s settings: who, when, each field before and after')
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id')
    .option('--limit <n>', 'newest N only', version)
    .option('--json', 'as JSON')
    .action(async (opts: { portal: string; limit?: number; json?: boolean }) => io.setExitCode(await runSettingsHistory(opts.portal, io, open, opts)));
  settings.command('restore').description('Put the settings back as they were after the change that made VERSION (or before it, with --before); queues a full pass')
    .requiredOption('--portal <id>', 'HubSpot portal (hub) id').argument('<version>', 'the version shown by kam settings history')
    .option('--before', 'as they were before that change')
    .option('--if-version <n>', 'restore only if the settings are still at this version', version)
    .action(async (entry: string, opts: { portal: string; before?: boolean; ifVersion?: number }) =>
      io.setExitCode(await runSettingsRestore(opts.portal, entry, io, open, opts)));
  settings.command('validate').description('Check a settings file; every problem is listed (exit 2). Needs no Redis')
    .argument('<file>', 'settings JSON')
    .action(async (file: string) => io.setExitCode(await runSettingsValidate(file, io)));
}
