// Secrets the embedded default needs but nobody configured: an encryption key and an admin token,
// made once and kept under the data folder (mode 0600) so restarts can read what was stored.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const LocalSecretsSchema = z.object({ tokenEncryptionKey: z.string(), adminToken: z.string() });
export type LocalSecrets = z.infer<typeof LocalSecretsSchema>;

export function localSecrets(dataDir: string): LocalSecrets {
  const dir = resolve(dataDir);
  const file = join(dir, 'local-secrets.json');
  if (existsSync(file)) return LocalSecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  mkdirSync(dir, { recursive: true });
  const secrets = { tokenEncryptionKey: randomBytes(32).toString('base64'), adminToken: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
