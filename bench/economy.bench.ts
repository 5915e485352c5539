// P3 (quality.md): HubSpot calls per recomputed company after a burst of 10,000 company and deal
// events over 1,000 companies, against the sandbox with latency and the rate limit on; beside the
// naive design (one job per event: read the company, its deal associations, its deals, write it),
// measured on a sample of the same events in the same run. The portal is seeded with account depth
// (parent companies, contacts with buying roles, won deals' line items and their products), so the
// model reads all of them (§8–§10): the flush reads parents every round, line items only for won
// deals in the window it does not hold, contacts only on a contact event.
import { COMPANY_INPUT_PROPERTY_NAMES, DEAL_INPUT_PROPERTY_NAMES } from '../src/model/index.ts';
import { createHubSpotAdapter } from '../src/hubspot/hubspot-adapter.ts';
import { createLogger } from '../src/logger.ts';
import type { BenchResult } from './bench-result.ts';
import { startStage } from './sandbox-stage.ts';

const COMPANIES = 1000;
const EVENTS = 10_000;
const NAIVE_SAMPLE = 200;

export default async function economyBench(): Promise<BenchResult> {
  const stage = await startStage(COMPANIES, {}, undefined, { accountDepth: true });
  try {
    const { app } = stage;
    const store = app.sandbox.store;
    await stage.installed();
    const companies = store.all('companies').map((c) => c.id);
    const before = app.sandbox.calls.count();
    const kindsBefore = { ...app.sandbox.calls.summary().byKind };
    const started = Date.now();
    // The burst: half company changes, half deal changes, every company touched ~10 times.
    for (let i = 0; i < EVENTS; i++) {
      const companyId = companies[i % companies.length]!;
      const [dealId] = store.dealIdsOf(companyId);
      if (i % 2 === 0 || !dealId) store.updateCompany(companyId, { annualrevenue: String(5_000_000 + i) });
      else store.updateDeal(dealId, { amount: String(10_000 + i) });
    }
    await stage.settled();
    const seconds = (Date.now() - started) / 1000;
    const calls = app.sandbox.calls.count() - before;
    const kindsAfter = app.sandbox.calls.summary().byKind;
    const summary = Object.fromEntries(Object.entries(kindsAfter).map(([k, n]) => [k, n - (kindsBefore[k] ?? 0)]).filter(([, n]) => Number(n) > 0));
    const delivered = app.sandbox.webhooks.stats().delivered;
    const contacts = store.all('contacts').length;
    const lineItems = store.all('line_items').length;
    const grouped = companies.filter((id) => store.parentIdOf(id) !== undefined).length;

    // The naive design on a sample of events, through the same adapter against the same sandbox.
    const adapter = createHubSpotAdapter({ config: app.config, redis: stage.redis, logger: createLogger({ level: 'error' }), prefix: stage.prefix });
    const client = adapter.clientFor(app.sandbox.portalId);
    const naiveBefore = app.sandbox.calls.count();
    for (let i = 0; i < NAIVE_SAMPLE; i++) {
      const id = companies[i % companies.length]!;
      const [company] = (await client.readCompanies([id], COMPANY_INPUT_PROPERTY_NAMES)).records;
      const dealIds = (await client.dealIdsForCompanies([id])).get(id) ?? [];
      if (dealIds.length) await client.readDeals(dealIds, DEAL_INPUT_PROPERTY_NAMES);
      await client.updateCompanies([{ id, properties: { kam_explanation: `naive ${i} ${company?.id}` } }]);
    }
    const naivePerEvent = (app.sandbox.calls.count() - naiveBefore) / NAIVE_SAMPLE;
    process.stderr.write(`economy: ${calls} calls for ${EVENTS} events (${delivered} webhook events delivered) in ${seconds.toFixed(1)} s; burst calls by kind ${JSON.stringify(summary)}\n`);
    process.stderr.write(`economy: seeded per company ${(contacts / COMPANIES).toFixed(2)} contacts, ${(lineItems / COMPANIES).toFixed(2)} line items; ${grouped} companies with a parent\n`);
    return {
      name: 'economy',
      rows: [
        { figure: `P3 HubSpot calls per recomputed company (${EVENTS.toLocaleString('en-US')} events, ${COMPANIES.toLocaleString('en-US')} companies)`, value: calls / COMPANIES, unit: 'calls/company', baseline: (naivePerEvent * EVENTS) / COMPANIES, goal: '≤ 0.1' },
        { figure: 'P3 HubSpot calls per event', value: calls / EVENTS, unit: 'calls/event', baseline: naivePerEvent, goal: 'naive ≥ 3' },
        { figure: 'P3 burst processed (events → written), sandbox latency 30±20 ms, 110 calls/10 s', value: seconds, unit: 's' },
        { figure: 'P3 seeded contacts per company (buying roles in the model)', value: contacts / COMPANIES, unit: 'contacts/company' },
        { figure: 'P3 seeded line items per company (won deals, product lines in the model)', value: lineItems / COMPANIES, unit: 'items/company' },
      ],
    };
  } finally {
    await stage.close();
  }
}
