// What a command needs from the outside world, passed in so tests can run commands in-process.
import { readFile, writeFile } from 'node:fs/promises';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readText(path: string): Promise<string>;
  writeText(path: string, text: string): Promise<void>;
  /** Today, for a default asOf; injected so results never depend on when a test runs. */
  now(): Date;
  setExitCode(code: number): void;
}

export function processIo(): CliIo {
  // `kam score … | head` closes the pipe early; that is the reader being done, not a crash.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readText: (path) => readFile(path, 'utf8'),
    writeText: (path, text) => writeFile(path, text, 'utf8'),
    now: () => new Date(),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}

/** Exit codes: 1 = the input could not be read or written, 2 = bad usage or bad settings. */
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
