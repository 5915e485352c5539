// An in-memory CliIo: files from a record, output captured, a fixed "today".
import type { CliIo } from '../../src/cli/cli-io.ts';

export interface FakeIo {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
  exitCode: () => number | undefined;
  written: Record<string, string>;
  reads: string[];
}

export function fakeIo(files: Record<string, string>, now = new Date('2030-01-15T12:00:00Z')): FakeIo {
  let stdout = '';
  let stderr = '';
  let exitCode: number | undefined;
  const written: Record<string, string> = {};
  const reads: string[] = [];
  return {
    io: {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      readText: async (path) => {
        reads.push(path);
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
        return text;
      },
      writeText: async (path, text) => {
        if (path.startsWith('/readonly/')) throw new Error('EACCES: permission denied');
        written[path] = text;
      },
      now: () => now,
      setExitCode: (code) => void (exitCode = code),
    },
    stdout: () => stdout,
    stderr: () => stderr,
    exitCode: () => exitCode,
    written,
    reads,
  };
}
