// Seeding a sandbox portal from the portfolio generator: the generator's ids and values kept, each
// deal on its company as primary, stages consistent with the won/closed flags, no webhooks unless
// asked (then the events an import would fire), and 100,000 companies in one go.
import { describe, expect, it } from 'vitest';
import { INPUT_PROPERTIES } from '../../src/model/properties.ts';
import { generatePortfolio } from '../../src/sandbox/generate-portfolio.ts';
import { createSandbox, seedPortfolio, type Sandbox } from '../../src/sandbox/index.ts';
import { call } from './support.ts';
import { startReceiver } from './webhook-receiver.ts';
import { closeAfterEach } from '../support/close-after-each.ts';

const AS_OF = new Date('2026-11-22T00:00:00Z');
let sandbox: Sandbox;
const closing = closeAfterEach();

const present = (p: Record<string, string | null | undefined>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));

describe('seedPortfolio', () => {
  it('when 200 companies are seeded, then the store holds the generator records under their ids, deals linked as primary', async () => {
    sandbox = closing(await createSandbox());
    const res = seedPortfolio(sandbox, { count: 200, asOf: AS_OF, seed: 5 });
    const expected = [...generatePortfolio({ count: 200, asOf: AS_OF, seed: 5 })];
    expect(res).toEqual({ companies: 200, deals: expected.reduce((n, c) => n + (c.deals?.length ?? 0), 0), firstCompanyId: '1001', lastCompanyId: '1200' });
    for (const company of expected) {
      expect(sandbox.store.getCompany(company.id)?.properties).toMatchObject(present(company.properties));
      expect(sandbox.store.dealIdsOf(company.id).sort()).toEqual((company.deals ?? []).map((d) => d.id).sort());
      for (const deal of company.deals ?? []) {
        const stored = sandbox.store.getDeal(deal.id)?.properties ?? {};
        expect(stored).toMatchObject(present(deal.properties));
        expect(stored.dealstage === 'closedwon').toBe(deal.properties.hs_is_closed_won === 'true');
        expect(sandbox.store.associations.isPrimary({ fromType: 'deals', fromId: deal.id, toType: 'companies', toId: company.id })).toBe(true);
      }
    }
  });

  it('when seeded, then the app input properties exist as provisioning defines them and their values read through the API', async () => {
    sandbox = closing(await createSandbox({ rateLimit: { enabled: false } }));
    seedPortfolio(sandbox, { count: 50, asOf: AS_OF, seed: 2 });
    for (const p of INPUT_PROPERTIES) expect(sandbox.store.properties.get('companies', p.name)).toMatchObject({ label: p.label, type: p.type, groupName: 'kam_inputs' });
    const withWallet = sandbox.store.all('companies').find((c) => c.properties.kam_category_spend);
    const token = sandbox.oauth.issueTokens().accessToken;
    const res = await call(sandbox, token, 'GET', `/crm/v3/objects/companies/${withWallet?.id}?properties=kam_category_spend`);
    expect((res.json.properties as Record<string, string>).kam_category_spend).toBe(withWallet?.properties.kam_category_spend);
  });

  it('when seeded by default, then no webhook fires; with fireWebhooks, every record fires its creation as an IMPORT', async () => {
    const receiver = closing(await startReceiver());
    sandbox = closing(await createSandbox({ webhooks: { targetUrl: receiver.url } }));
    seedPortfolio(sandbox, { count: 30, asOf: AS_OF, seed: 9 });
    await sandbox.webhooks.idle();
    expect(sandbox.webhooks.stats()).toMatchObject({ delivered: 0, dropped: 0, requests: 0 });
    const res = seedPortfolio(sandbox, { count: 30, asOf: AS_OF, seed: 9, firstId: 5001, fireWebhooks: true });
    await sandbox.webhooks.idle();
    const events = receiver.events();
    expect(events.filter((e) => e.subscriptionType === 'company.creation')).toHaveLength(30);
    expect(events.filter((e) => e.subscriptionType === 'deal.creation')).toHaveLength(res.deals);
    expect(events.filter((e) => e.subscriptionType === 'deal.associationChange')).toHaveLength(res.deals);
    expect(new Set(events.map((e) => e.changeSource))).toEqual(new Set(['IMPORT']));
  });

  it('when 100,000 companies are seeded, then all of them and their deals are stored and pageable in id order', async () => {
    sandbox = closing(await createSandbox());
    const res = seedPortfolio(sandbox, { count: 100_000, asOf: AS_OF, seed: 1 });
    expect(res.companies).toBe(100_000);
    expect(sandbox.store.count('companies')).toBe(100_000);
    expect(sandbox.store.count('deals')).toBe(res.deals);
    expect(res.deals).toBeGreaterThan(400_000);
    const page = sandbox.store.table('companies').page('100950', 100);
    expect(page.records.map((r) => r.id)).toEqual(Array.from({ length: 51 }, (_, i) => String(100_950 + i)));
    expect(page.nextAfter).toBeUndefined();
  }, 120_000);
});
