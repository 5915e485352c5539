// The embedded default: with no HubSpot credentials, `npm start` runs everything on this machine:
// a Redis (REDIS_URL, else a private redis-server), the local HubSpot sandbox with a seeded
// portfolio, the app and a worker; it installs the app into the sandbox portal through OAuth, then
// writes data/embedded.json (embedded-file.ts) so the CLI and people find what it started.
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createSandbox, seedPortals, type Sandbox, type SandboxOptions } from '../sandbox/index.ts';
import { startServer, type RunningServer } from '../server.ts';
import { startWorker } from '../worker.ts';
import { writeEmbeddedFile } from './embedded-file.ts';
import { installThroughOAuth } from './install-into-sandbox.ts';
import { localSecrets } from './local-secrets.ts';
import { freePort, startPrivateRedis, type PrivateRedis } from './private-redis.ts';
import { hubspotOfSandbox } from './sandbox-hubspot.ts';

export interface EmbeddedOptions {
  /** Companies of the sandbox portal (default 500). */
  companies?: number;
  /**
   * Companies per portal when more than one is wanted: the first is the sandbox portal, the others
   * are numbered after it; each is seeded and installed through OAuth. Default: the one portal.
   */
  portals?: readonly number[];
  /** Seed parent companies, contacts with buying roles and won deals' line items too (§8–§10). */
  accountDepth?: boolean;
  /** The sandbox's realism switches (latency, rate limit, faults); off unless asked for, but the rate limit. */
  sandbox?: SandboxOptions;
}

export interface Embedded {
  config: Config;
  sandbox: Sandbox;
  server: RunningServer;
  adminToken: string;
  /** A private app token of the sandbox portal, for curl (also in data/embedded.json). */
  sandboxApiToken: string;
  /** Where data/embedded.json was written. */
  embeddedFile: string;
  close(): Promise<void>;
}

export async function startEmbedded(base: Config, logger: Logger, options: EmbeddedOptions = {}): Promise<Embedded> {
  const redis: PrivateRedis | null = base.REDIS_URL ? null : await startPrivateRedis(base.DATA_DIR);
  const secrets = localSecrets(base.DATA_DIR);
  const sandbox = await createSandbox({ logger: logger.child({ component: 'sandbox' }), ...options.sandbox });
  const asOf = new Date();
  // The public URL must name the real port (signatures and the OAuth redirect are checked against it).
  const port = base.PORT === 0 ? await freePort() : base.PORT;
  const seeded = seedPortals(sandbox, { sizes: options.portals ?? [options.companies ?? 500], asOf, seed: 42, accountDepth: options.accountDepth });
  // Everything configured stays (prefix, delays, log level…); only HubSpot's side points at the sandbox.
  const config: Config = {
    ...base,
    REDIS_URL: base.REDIS_URL ?? redis?.url,
    ...hubspotOfSandbox(sandbox),
    PUBLIC_BASE_URL: base.PUBLIC_BASE_URL === 'http://localhost:3000' ? `http://127.0.0.1:${port}` : base.PUBLIC_BASE_URL,
    TOKEN_ENCRYPTION_KEY: base.TOKEN_ENCRYPTION_KEY ?? secrets.tokenEncryptionKey,
    ADMIN_TOKEN: base.ADMIN_TOKEN ?? secrets.adminToken,
    PORT: port,
  };
  const server = await startServer(config, logger);
  const workers = await startWorker(config, logger);
  sandbox.webhooks.setTarget(`${config.PUBLIC_BASE_URL}/webhooks/hubspot`);
  for (const { portalId } of seeded) {
    const installed = await installThroughOAuth(server.url, portalId);
    if (installed.status !== 200) throw new Error(`installing into sandbox portal ${portalId} failed (${installed.status})`);
  }
  const sandboxApiToken = sandbox.oauth.privateAppToken();
  const embeddedFile = writeEmbeddedFile(config.DATA_DIR, {
    appUrl: config.PUBLIC_BASE_URL, sandboxUrl: sandbox.url, portalId: sandbox.portalId, appId: sandbox.appId, clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret, sandboxApiToken, redisUrl: config.REDIS_URL ?? '', queuePrefix: config.QUEUE_PREFIX,
    operatorToken: config.ADMIN_TOKEN ?? '', pid: process.pid, startedAt: new Date().toISOString(), node: process.version,
  });
  return {
    config,
    sandbox,
    server,
    adminToken: config.ADMIN_TOKEN ?? '',
    sandboxApiToken,
    embeddedFile,
    async close() {
      await workers.close();
      await server.close();
      await sandbox.close();
      await redis?.stop();
    },
  };
}
