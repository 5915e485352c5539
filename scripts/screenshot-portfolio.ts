// Screenshots for the docs: the portfolio page (and a what-if preview of it) served over a real
// Redis from the example portfolio, and the company card's static HTML when it exists. Debian's
// chromium in headless mode takes the PNGs (never a browser downloaded by npm).
//
//   npx tsx scripts/screenshot-portfolio.ts          (REDIS_URL or redis://127.0.0.1:6379)
//
// Everything it writes to Redis lives under a unique prefix and is deleted at the end.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { createPortfolioRoutes } from '../src/http/portfolio-routes.ts';
import { createSettingsRoutes } from '../src/http/settings-routes.ts';
import { createLogger } from '../src/logger.ts';
import { endOfDay } from '../src/model/dates.ts';
import { DEFAULT_SETTINGS, scorePortfolio, SettingsSchema, toOutputProperties } from '../src/model/index.ts';
import { whatIf } from '../src/portfolio-page/what-if.ts';
import { readPortfolioJson } from '../src/portfolio-files/read-portfolio-json.ts';
import { createPassQueue } from '../src/queues.ts';
import { createPortalStore } from '../src/store/portal-store.ts';
import { PortfolioInputs } from '../src/store/portfolio-inputs.ts';
import { SettingsStore } from '../src/store/settings-store.ts';
import { deleteKeysMatching } from '../test/support/redis-keys.ts';
import { serveRoutes } from '../test/support/serve.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const DOCS = join(ROOT, 'docs');
const EXAMPLE = join(ROOT, 'examples', 'portfolio.json');
const PORTAL = '24681357';
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

/** A what-if the docs show: a bigger key list and a stricter strength threshold. */
export const DOCS_SCENARIO = { keyAccountCapacity: 30, thresholds: { strength: 6 } };

async function chromium(url: string, out: string, size: string, extra: string[] = []): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'kam-chromium-'));
  try {
    await run(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${profile}`, `--window-size=${size}`,
      ...extra, `--screenshot=${out}`, url,
    ], { timeout: 90_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`wrote ${out}`);
}

/**
 * Runs the page's own script in headless Chromium: the scenario in the fragment fills the form and
 * previews; the DOM after that must show the moves the server computes for the same settings.
 */
async function checkWhatIfInChromium(url: string, expectedMoved: number): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'kam-chromium-'));
  try {
    const { stdout } = await run(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--virtual-time-budget=10000', '--dump-dom', url,
    ], { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
    const summary = /<p class="result-summary"><strong>(\d+)<\/strong> of ([\d,]+) accounts would change quadrant/.exec(stdout);
    if (!stdout.includes('data-state="previewed"') || Number(summary?.[1]) !== expectedMoved) {
      throw new Error(`the what-if did not render in Chromium as expected (moved ${summary?.[1] ?? 'nothing'}, expected ${expectedMoved})`);
    }
    console.log(`checked in Chromium: the what-if preview shows ${expectedMoved} accounts changing quadrant`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}


async function shootPortfolio(redis: Redis, prefix: string): Promise<void> {
  const loaded = readPortfolioJson(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  const asOf = endOfDay(new Date(`${loaded.asOf ?? '2026-11-22'}T00:00:00Z`));
  await new PortfolioInputs(redis, prefix, PORTAL).save(loaded.companies);
  const portals = createPortalStore({ redis, prefix });
  await portals.markInstalled(PORTAL);
  const token = randomBytes(18).toString('base64url');
  const logger = createLogger({ level: 'warn', name: 'kam-screenshot' });
  const passQueue = createPassQueue(redis, prefix);
  const settings = new SettingsStore(redis, prefix);
  const inputs = (portalId: string) => new PortfolioInputs(redis, prefix, portalId);
  const server = await serveRoutes({
    admin: [
      ...createPortfolioRoutes({ settings, inputs, portals, logger, now: () => asOf }),
      ...createSettingsRoutes({ settings, passQueue, portals, logger }),
    ],
  }, token);
  try {
    const base = `http://admin:${token}@${new URL(server.url).host}/portfolio?portal=${PORTAL}`;
    await chromium(base, join(DOCS, 'portfolio.png'), '1400,2000');
    // The fragment fills the form and previews; virtual time lets the fetch finish before the shot.
    const scenario = `#what-if=${encodeURIComponent(JSON.stringify(DOCS_SCENARIO))}`;
    await chromium(base + scenario, join(DOCS, 'portfolio-what-if.png'), '1400,2700', ['--virtual-time-budget=10000']);
    const expected = whatIf(loaded.companies, DEFAULT_SETTINGS, SettingsSchema.parse(DOCS_SCENARIO), new Date(asOf));
    await checkWhatIfInChromium(base + scenario, expected.quadrantMoves.moved);
  } finally {
    await server.close();
    await passQueue.obliterate({ force: true }).catch(() => undefined);
    await passQueue.close();
  }
}

/** The card's static HTML for the top-ranked example company, when the card module exists. */
async function shootCard(): Promise<void> {
  const cardPath = join(ROOT, 'src', 'card', 'card-html.ts');
  if (!existsSync(cardPath)) {
    console.log('src/card/card-html.ts does not exist yet: no card screenshot');
    return;
  }
  const card = (await import('../src/card/card-html.ts')) as Record<string, unknown>;
  const model = (await import('../src/card/card-view-model.ts')) as Record<string, unknown>;
  if (typeof card.cardHtml !== 'function' || typeof model.cardViewModel !== 'function') {
    console.log('src/card has no cardHtml/cardViewModel: no card screenshot');
    return;
  }
  const loaded = readPortfolioJson(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  const asOf = new Date(endOfDay(new Date(`${loaded.asOf ?? '2026-11-22'}T00:00:00Z`)));
  const top = scorePortfolio(loaded.companies, DEFAULT_SETTINGS, asOf).accounts[0]!;
  const company = loaded.companies.find((c) => c.id === top.companyId)!;
  const properties = { ...company.properties, ...toOutputProperties(top, { scoredAt: asOf, modelVersion: 1 }) };
  const html = (card.cardHtml as (m: unknown, o: { title: string }) => string)((model.cardViewModel as (p: unknown) => unknown)(properties), { title: 'Key account' });
  const dir = mkdtempSync(join(tmpdir(), 'kam-card-'));
  try {
    writeFileSync(join(dir, 'card.html'), html);
    await chromium(`file://${join(dir, 'card.html')}`, join(DOCS, 'card.png'), '820,920');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 3 });
  const prefix = `{kamshot-${randomBytes(4).toString('hex')}}`;
  try {
    await shootPortfolio(redis, prefix);
  } finally {
    await deleteKeysMatching(redis, `*${prefix}*`);
    redis.disconnect();
  }
  await shootCard();
}

await main();
