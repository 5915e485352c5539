// A sandbox hosting many portals: seeded from a list of sizes (each portal its own records and id
// range), each installed on its own, with its own rate limit and faults, and webhook batches that
// carry one portal's events each even when the portals' changes interleave.
import { describe, expect, it } from 'vitest';
import { createSandbox, PORTAL_ID_RANGE, seedPortals, type Sandbox } from '../../src/sandbox/index.ts';
import { call } from './support.ts';
import { startReceiver } from './webhook-receiver.ts';
import { closeAfterEach } from '../support/close-after-each.ts';

const AS_OF = new Date('2026-11-22T00:00:00Z');
let sandbox: Sandbox;
const closing = closeAfterEach();

const get = (token: string) => call(sandbox, token, 'GET', '/crm/v3/objects/companies?limit=100');

describe('seedPortals', () => {
  it('when three sizes are given, then the sandbox portal and the two after it hold that many companies each, with ids no other portal has', async () => {
    sandbox = closing(await createSandbox({ rateLimit: { enabled: false } }));
    const seeded = seedPortals(sandbox, { sizes: [30, 12, 5], asOf: AS_OF, seed: 3 });
    const first = Number(sandbox.portalId);
    expect(seeded.map((s) => [s.portalId, s.companies])).toEqual([[String(first), 30], [String(first + 1), 12], [String(first + 2), 5]]);
    expect(sandbox.portalIds()).toEqual(seeded.map((s) => s.portalId));
    expect(seeded[1]?.firstCompanyId).toBe(String(1001 + PORTAL_ID_RANGE));
    const ids = seeded.map((s) => new Set(sandbox.portal(s.portalId).all('companies').map((c) => c.id)));
    expect(ids.map((s) => s.size)).toEqual([30, 12, 5]);
    const all = ids.flatMap((s) => [...s]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('when a portal is installed, then its token reads only its own companies', async () => {
    sandbox = closing(await createSandbox({ rateLimit: { enabled: false } }));
    const [a, b] = seedPortals(sandbox, { sizes: [4, 3], asOf: AS_OF, portalIds: ['111', '222'] });
    const res = await get(sandbox.oauth.issueTokens('222').accessToken);
    const seen = (res.json.results as { id: string }[]).map((r) => r.id).sort();
    expect(seen).toEqual(sandbox.portal('222').all('companies').map((c) => c.id).sort());
    expect(seen).not.toContain(a?.firstCompanyId);
    expect(b?.companies).toBe(3);
  });
});

describe('per-portal rate limits and faults', () => {
  it('when one portal is given its own limit, then it is refused at that limit while another keeps the sandbox-wide one', async () => {
    sandbox = closing(await createSandbox({ rateLimit: { perTenSeconds: 5 } }));
    seedPortals(sandbox, { sizes: [1, 1], asOf: AS_OF, portalIds: ['111', '222'] });
    sandbox.rateLimit.setFor('111', { perTenSeconds: 2 });
    const slow = sandbox.oauth.issueTokens('111').accessToken;
    const other = sandbox.oauth.issueTokens('222').accessToken;
    const statuses = async (token: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await get(token)).status);
      return out;
    };
    expect(await statuses(slow, 3)).toEqual([200, 200, 429]);
    expect(await statuses(other, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(sandbox.rateLimit.settingsFor('111').perTenSeconds).toBe(2);
    expect([sandbox.rateLimit.rejectedFor('111'), sandbox.rateLimit.rejectedFor('222'), sandbox.rateLimit.rejected]).toEqual([1, 1, 2]);
    expect([sandbox.calls.portal('111'), sandbox.calls.portal('222')]).toEqual([{ calls: 3, rateLimited: 1 }, { calls: 6, rateLimited: 1 }]);
  });

  it('when one portal has its own faults, then only its calls fail and only its counts move', async () => {
    sandbox = closing(await createSandbox({ rateLimit: { enabled: false } }));
    seedPortals(sandbox, { sizes: [1, 1], asOf: AS_OF, portalIds: ['111', '222'] });
    sandbox.portalFaults('111').set({ serverErrorRate: 1 });
    const broken = sandbox.oauth.issueTokens('111').accessToken;
    const healthy = sandbox.oauth.issueTokens('222').accessToken;
    expect((await get(broken)).status).toBe(500);
    expect((await get(healthy)).status).toBe(200);
    expect(sandbox.portalFaults('111').counts.serverError).toBe(1);
    expect(sandbox.faults.counts.serverError).toBe(0);
  });
});

describe('webhook batches', () => {
  it('when two portals change in turns, then each POST carries up to 100 events of one portal', async () => {
    const receiver = closing(await startReceiver());
    sandbox = closing(await createSandbox({ rateLimit: { enabled: false }, webhooks: { targetUrl: receiver.url, maxConcurrent: 1 } }));
    seedPortals(sandbox, { sizes: [150, 150], asOf: AS_OF, portalIds: ['111', '222'] });
    const [a, b] = [sandbox.portal('111'), sandbox.portal('222')];
    const [idsA, idsB] = [a.all('companies').map((c) => c.id), b.all('companies').map((c) => c.id)];
    for (let i = 0; i < 150; i++) {
      a.updateCompany(idsA[i]!, { annualrevenue: String(1000 + i) });
      b.updateCompany(idsB[i]!, { annualrevenue: String(2000 + i) });
    }
    await sandbox.webhooks.idle();
    const batches = receiver.received.map((r) => r.events.map((e) => e.portalId));
    for (const portals of batches) expect(new Set(portals).size).toBe(1);
    expect(batches.map((p) => p.length).sort((x, y) => y - x)).toEqual([100, 100, 50, 50]);
    expect(receiver.events().filter((e) => e.portalId === 111)).toHaveLength(150);
  });
});
