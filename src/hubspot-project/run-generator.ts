// `npm run hubspot:project`: generates the HubSpot developer project from app.json, or with --check
// says whether a directory already holds exactly that (for CI and before `hs project upload`).
// This is an entry point, so it is where the receiver's accepted event types are wired in.
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { KNOWN_SUBSCRIPTION_TYPES } from '../../webhooks/event-schemas.ts';
import { loadAppManifest } from './app-manifest.ts';
import { buildHubSpotProject, type ProjectFile } from './build-project.ts';
import { diffProjectDir, isClean, writeProjectDir } from './project-dir.ts';

export const DEFAULT_PUBLIC_BASE_URL = 'https://kam.example.com';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GeneratorIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

interface Options {
  manifest: string;
  out: string;
  baseUrl: string;
  check: boolean;
}

function parseArgs(argv: readonly string[], env: Record<string, string | undefined>, io: GeneratorIo): Options {
  const program = new Command('hubspot:project')
    .description('Generate the HubSpot developer project (platform 2026.03) from app.json')
    .option('--manifest <file>', 'the app manifest', resolve(REPO_ROOT, 'app.json'))
    .option('--out <dir>', 'the project directory', resolve(REPO_ROOT, 'hubspot-project'))
    .option('--base-url <url>', 'public base URL of the app (default: PUBLIC_BASE_URL or https://kam.example.com)')
    .option('--check', 'write nothing; exit 1 when the directory differs from the generated project', false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s.trimEnd()), writeErr: (s) => io.stderr(s.trimEnd()) });
  program.parse([...argv], { from: 'user' });
  const opts = program.opts<{ manifest: string; out: string; baseUrl?: string; check: boolean }>();
  const fromEnv = env.PUBLIC_BASE_URL?.trim();
  return { manifest: opts.manifest, out: opts.out, check: opts.check, baseUrl: opts.baseUrl ?? (fromEnv ? fromEnv : DEFAULT_PUBLIC_BASE_URL) };
}

/** Returns the exit code: 0 done (or up to date), 1 differs (--check), 2 bad input. */
export function runGenerator(argv: readonly string[], env: Record<string, string | undefined>, io: GeneratorIo): number {
  let options: Options;
  try {
    options = parseArgs(argv, env, io);
  } catch (err) {
    return err instanceof CommanderError && err.exitCode === 0 ? 0 : 2;
  }
  let files: ProjectFile[];
  try {
    const manifest = loadAppManifest(options.manifest);
    files = buildHubSpotProject(manifest, { repoRoot: REPO_ROOT, publicBaseUrl: options.baseUrl, handledTypes: KNOWN_SUBSCRIPTION_TYPES });
  } catch (err) {
    io.stderr((err as Error).message);
    return 2;
  }
  return options.check ? check(options, files, io) : write(options, files, io);
}

function check(options: Options, files: readonly ProjectFile[], io: GeneratorIo): number {
  const diff = diffProjectDir(options.out, files);
  if (isClean(diff)) {
    io.stdout(`${options.out} is up to date (${files.length} files, base URL ${options.baseUrl})`);
    return 0;
  }
  const lines = [...diff.missing.map((p) => `missing  ${p}`), ...diff.changed.map((p) => `changed  ${p}`), ...diff.extra.map((p) => `extra    ${p}`)];
  io.stderr(`${options.out} differs from the generated project; run npm run hubspot:project\n${lines.join('\n')}`);
  return 1;
}

function write(options: Options, files: readonly ProjectFile[], io: GeneratorIo): number {
  try {
    writeProjectDir(options.out, files);
  } catch (err) {
    io.stderr((err as Error).message);
    return 2;
  }
  const webhooks = files.find((f) => f.path.endsWith('webhooks-hsmeta.json'));
  const subscriptions = webhooks ? (JSON.parse(webhooks.content) as { config: { subscriptions: { legacyCrmObjects: unknown[] } } }).config.subscriptions.legacyCrmObjects.length : 0;
  io.stdout(`wrote ${files.length} files to ${options.out} (base URL ${options.baseUrl}, ${subscriptions} webhook subscriptions)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = runGenerator(process.argv.slice(2), process.env, {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
}
