// `npm start`: server and worker in one process. With HubSpot credentials in the environment it
// runs against HubSpot; without them, against the local sandbox (the embedded default).
import { plural } from './cli/plural.ts';
import { ConfigError, hasHubSpotCredentials, loadConfig } from './config.ts';
import { startEmbedded } from './embedded/start-embedded.ts';
import { RedisNotInstalledError } from './embedded/private-redis.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import { onShutdown } from './shutdown.ts';
import { startWorker } from './worker.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'kam' });
  if (hasHubSpotCredentials(config)) {
    const server = await startServer(config, logger);
    const workers = await startWorker(config, logger);
    process.stdout.write(`Key accounts is running on ${server.url} for HubSpot (${config.HUBSPOT_API_BASE}), on Node ${process.version}.\nInstall it in a portal: ${config.PUBLIC_BASE_URL}/oauth/install\n`);
    onShutdown(logger, async () => {
      await workers.close();
      await server.close();
    });
    return;
  }
  const embedded = await startEmbedded(config, logger);
  const base = embedded.config.PUBLIC_BASE_URL;
  const portal = embedded.sandbox.portalId;
  const companies = embedded.sandbox.store.count?.('companies');
  process.stdout.write([
    '',
    `Key accounts is running against a local HubSpot sandbox (no HubSpot credentials were given), on Node ${process.version}.`,
    `  sandbox portal ${portal}: ${companies === undefined ? 'seeded' : plural(companies, 'company', 'companies')}, installed through OAuth; the first full pass is running`,
    `  portfolio page:   ${base}/portfolio?portal=${portal}   (user: admin, password: ${embedded.adminToken})`,
    `  queue dashboard:  ${base}/admin/queues                (same credentials)`,
    `  metrics, health:  ${base}/metrics (same credentials)  ${base}/readyz`,
    `  sandbox API:      ${embedded.sandbox.url}  token ${embedded.sandboxApiToken}`,
    `                    (change data there and watch the webhooks flow; the README has curl examples)`,
    `  everything above, for kam and scripts: ${embedded.embeddedFile}`,
    `  in another terminal: npx kam portal list, npx kam backfill --portal ${portal}`,
    '  To use a real HubSpot account, set HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID and TOKEN_ENCRYPTION_KEY.',
    '',
  ].join('\n'));
  onShutdown(logger, () => embedded.close());
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) fail(err.message);
  if (err instanceof RedisNotInstalledError) fail(err.message);
  fail(`could not start: ${err instanceof Error ? err.message : String(err)}`);
});
