// `npx tsx scripts/state-bytes.ts [companies] [--depth]`: Redis memory of one portal's own state per
// scored company (quality.md P6d) after its first pass, on a 5,000-company sandbox portal by default
// (`--depth`: seeded with parent companies, contacts and won deals' line items, §8–§10):
// MEMORY USAGE (SAMPLES 0) of every key portal-keys.ts names, per key and in total. Runs on
// REDIS_URL (default the machine's Redis) under a private QUEUE_PREFIX, deleted after.
import { randomBytes } from 'node:crypto';
import { createLogger } from '../src/logger.ts';
import { createStateRedis } from '../src/redis-connections.ts';
import { portalKeys } from '../src/store/portal-keys.ts';
import { portalStateBytes } from '../src/store/portal-state-bytes.ts';
import { deleteKeysMatching } from '../test/support/redis-keys.ts';
import { startAppOnSandbox } from './app-on-sandbox.ts';

const args = process.argv.slice(2);
const accountDepth = args.includes('--depth');
const companies = Number(args.find((a) => !a.startsWith('--')) ?? 5000);
const prefix = `{kam-bytes-${randomBytes(4).toString('hex')}}`;
const app = await startAppOnSandbox({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', sizes: [companies], asOf: new Date(), env: { QUEUE_PREFIX: prefix }, accountDepth });
try {
  const portalId = app.portalIds[0]!;
  const flat = (o: unknown, path = ''): [string, string][] =>
    typeof o === 'string' ? [[path, o]] : Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => flat(v, path ? `${path}.${k}` : k));
  // A list of keys (the axes buckets) counts as one line.
  const byName = new Map<string, number>();
  for (const [name, key] of flat(portalKeys(prefix, portalId))) {
    const bytes = Number((await app.redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
    const group = name.replace(/\.\d+$/, '');
    byName.set(group, (byName.get(group) ?? 0) + bytes);
  }
  for (const [name, bytes] of byName) {
    if (bytes) process.stdout.write(`${name.padEnd(28)} ${String(bytes).padStart(10)} bytes  ${(bytes / companies).toFixed(1).padStart(7)} per company\n`);
  }
  const total = await portalStateBytes(app.redis, prefix, portalId);
  process.stdout.write(`P6d portal state after the first pass of ${companies.toLocaleString('en-US')} companies${accountDepth ? ' with account depth' : ''}: ${Math.round(total / companies)} bytes per company\n`);
} finally {
  await app.close();
  const redis = createStateRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', createLogger({ level: 'silent' }));
  await deleteKeysMatching(redis, `${prefix}*`);
  await deleteKeysMatching(redis, `${prefix.replace(/[{}]/g, '')}:{*`);
  redis.disconnect();
}
