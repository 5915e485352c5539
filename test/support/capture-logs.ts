// The app's logger (redaction and all) writing into memory, so a test can read what was logged:
// that a line was written, or that no secret ever was.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';

export interface CapturedLogs {
  logger: Logger;
  /** Every line, as written (JSON text). */
  lines: string[];
  /** The lines parsed. */
  records: () => Record<string, unknown>[];
  /** The sink itself, for a logger made elsewhere. */
  stream: Writable;
}

/** Trace level unless told; `keepLast` bounds the lines kept (a long run keeps only its tail). */
export function captureLogs(options: { level?: string; keepLast?: number } = {}): CapturedLogs {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (options.keepLast !== undefined && lines.length > options.keepLast) lines.splice(0, lines.length - options.keepLast);
      done();
    },
  });
  return {
    logger: createLogger({ level: options.level ?? 'trace' }, stream),
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    stream,
  };
}
