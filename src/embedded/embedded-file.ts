// data/embedded.json: what the embedded default started, written at each start beside
// local-secrets.json and, like it, readable by the owner only (0600: it holds the client secret,
// the sandbox's API token and the operator token). The CLI reads it to talk to the same private
// Redis as the app; people read it to reach the sandbox. A file left by a crash names a Redis that
// no longer answers, and the CLI says so.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const EMBEDDED_FILE = 'embedded.json';

export const EmbeddedFileSchema = z.object({
  /** The app: portfolio page, webhooks, OAuth, health. */
  appUrl: z.string(),
  /** The local HubSpot sandbox's API. */
  sandboxUrl: z.string(),
  portalId: z.string(),
  appId: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  /** A private app token of the sandbox portal, for curl: changes made with it come back as webhooks. */
  sandboxApiToken: z.string(),
  redisUrl: z.string(),
  queuePrefix: z.string(),
  /** The operator's token for the admin routes (user `admin`). */
  operatorToken: z.string(),
  /** The process that wrote it, and when (ISO). */
  pid: z.number().int(),
  startedAt: z.string(),
  node: z.string(),
});
export type EmbeddedFile = z.infer<typeof EmbeddedFileSchema>;

export const embeddedFilePath = (dataDir: string): string => join(resolve(dataDir), EMBEDDED_FILE);

/** Writes the file (0600) through a temporary name, so a reader never sees half of it. */
export function writeEmbeddedFile(dataDir: string, info: EmbeddedFile): string {
  const file = embeddedFilePath(dataDir);
  mkdirSync(resolve(dataDir), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(EmbeddedFileSchema.parse(info), null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return file;
}

/** The file's contents; null when there is none; an Error naming the file when it cannot be read. */
export function readEmbeddedFile(dataDir: string): EmbeddedFile | null {
  const file = embeddedFilePath(dataDir);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not readable JSON (${(err as Error).message}); delete it and run npm start again`, { cause: err });
  }
  const parsed = EmbeddedFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} was written by another version of the app; delete it and run npm start again`);
  return parsed.data;
}
