// A real worker process, `node --import tsx src/worker.ts`, configured through its environment
// exactly as production would be. Its log lines are kept (the last few hundred) for diagnostics;
// it counts as ready when it logs "workers started".
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KEEP_LINES = 400;

export interface WorkerProcess {
  readonly name: string;
  readonly pid: number;
  /** The process's last log lines (JSON, as pino wrote them). */
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** A crash: no shutdown hook runs, locks stay behind until they expire. */
  kill(): Promise<void>;
  /** Graceful: SIGTERM, running jobs finish. */
  stop(): Promise<void>;
}

export async function spawnWorker(name: string, env: Record<string, string>, readyWithinMs = 60_000): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      if (line.includes('"workers started"')) ready();
    }
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A test that times out must not leave its workers polling Redis: they die with this process.
  const orphanGuard = (): void => void child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    process.removeListener('exit', orphanGuard);
    resolve(code);
  }));
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await exited;
  };
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`worker ${name} did not start:\n${lines.slice(-20).join('\n')}`)), readyWithinMs);
    void exited.then((code) => reject(new Error(`worker ${name} exited (${code}) before it started:\n${lines.slice(-20).join('\n')}`)));
  });
  try {
    await Promise.race([started, failed]);
  } catch (err) {
    await signal('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
    failed.catch(() => undefined);
  }
  return { name, pid: child.pid ?? -1, lines, exited, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
