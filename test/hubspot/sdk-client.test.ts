// The SDK client's request timeout (R4): a HubSpot that never answers must turn into a
// TransientError instead of hanging the call, the job and the portal lock. Real sockets: a local
// server that holds chosen requests open, and the sandbox's own injected timeouts.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TransientError } from '../../src/errors.ts';
import { createHubSpotCaller } from '../../src/hubspot/hubspot-caller.ts';
import { readObjects } from '../../src/hubspot/read-objects.ts';
import { createSdkClient, DEFAULT_REQUEST_TIMEOUT_MS, RequestTimeoutError, withCallTimeout } from '../../src/hubspot/sdk-client.ts';
import { toAppError } from '../../src/hubspot/to-app-error.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { serve } from '../support/serve.ts';
import { closeAfterEach } from '../support/close-after-each.ts';

const logger = pino({ level: 'silent' });
const closing = closeAfterEach();

const EMPTY_BATCH = JSON.stringify({ status: 'COMPLETE', results: [], startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:00Z' });

/** Answers every request with an empty batch, except those `hang` picks (by 1-based number), which it never answers. */
async function localHubSpot(hang: (n: number) => boolean): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const server = await serve((_req, res) => {
    n += 1;
    if (hang(n)) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(EMPTY_BATCH);
  });
  closing(server);
  return { url: server.url, requests: () => n };
}

const read = (sdk: ReturnType<typeof createSdkClient>) =>
  sdk.crm.companies.batchApi.read({ inputs: [{ id: '1' }], properties: [], propertiesWithHistory: [] });

describe('the SDK client request timeout', () => {
  it('when HubSpot never answers, then the call fails with a timeout that maps to a TransientError, and the client keeps working', async () => {
    const hubspot = await localHubSpot((n) => n === 1);
    const sdk = createSdkClient({ HUBSPOT_API_BASE: hubspot.url, HUBSPOT_TIMEOUT_MS: 200 }, 'token');
    const err = await read(sdk).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestTimeoutError);
    const mapped = toAppError(err);
    expect(mapped).toBeInstanceOf(TransientError);
    expect(mapped.message).toContain('ETIMEDOUT');
    expect((await read(sdk)).results).toEqual([]);
    expect(hubspot.requests()).toBe(2);
  });

  it('when no timeout is configured, then the default applies, and an answer in time is returned unchanged', async () => {
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual(5_000);
    const hubspot = await localHubSpot(() => false);
    const sdk = createSdkClient({ HUBSPOT_API_BASE: hubspot.url }, 'token');
    expect((await read(sdk)).status).toBe('COMPLETE');
  });

  it('when wrapped, then sync methods, getters and object identity are untouched and only promises are raced', async () => {
    const api = { n: 1, sync: () => 'now', later: () => new Promise<string>((r) => setTimeout(() => r('late'), 1_000)), fast: async () => 'fast', nested: { deep: async () => 'deep' } };
    const wrapped = withCallTimeout(api, 50);
    expect(wrapped.n).toBe(1);
    expect(wrapped.sync()).toBe('now');
    expect(wrapped.nested).toBe(wrapped.nested);
    expect(await wrapped.fast()).toBe('fast');
    expect(await wrapped.nested.deep()).toBe('deep');
    await expect(wrapped.later()).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('when the sandbox injects a timeout on a read, then the caller retries it once and gets the answer', async () => {
    const sandbox: Sandbox = closing(await createSandbox({ faults: { timeoutRate: 1 } }));
    const company = sandbox.store.createCompany({ name: 'Hung Ltd' });
    const token = sandbox.oauth.issueTokens().accessToken;
    const sleeps: number[] = [];
    const call = createHubSpotCaller({
      portalId: sandbox.portalId,
      config: { HUBSPOT_API_BASE: sandbox.url, HUBSPOT_TIMEOUT_MS: 200 },
      tokens: { getAccessToken: async () => token },
      limiter: { acquire: async () => Date.now(), pause: async () => undefined },
      callCounter: { count: async () => undefined, total: () => 0, totalsByKind: () => ({}), read: async () => ({}), readTotals: async () => ({}), busiest: async () => [], reset: () => undefined },
      logger,
      // The retry's pause is where the fault ends, so the second attempt is answered.
      sleep: async (ms) => {
        sleeps.push(ms);
        sandbox.faults.set({ timeoutRate: 0 });
      },
    });
    const result = await readObjects(call, 'companies', [company.id], ['name']);
    expect(result.records.map((r) => r.properties.name)).toEqual(['Hung Ltd']);
    expect(sandbox.faults.counts.timeout).toBe(1);
    expect(sleeps).toHaveLength(1);
  });
});
