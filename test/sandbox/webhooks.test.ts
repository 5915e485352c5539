// Webhooks out of the sandbox: the events a portal would fire for each kind of change, only for
// subscribed types and properties, signed v3 (checked with the SDK's own Signature), batched by
// 100, retried on 5xx/429/connection errors but not on other 4xx, with bounded concurrency; the
// app's own writes marked INTEGRATION with its app id, UI changes CRM_UI.
import { Signature } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts';
import { parseWebhookBatch } from '../../webhooks/event-schemas.ts';
import { isOwnWrite } from '../../webhooks/events-to-marks.ts';
import { signedUri, verifySignature } from '../../webhooks/verify-signature.ts';
import { call } from './support.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';
import { closeAfterEach } from '../support/close-after-each.ts';

let sandbox: Sandbox;
let receiver: Receiver;
const closing = closeAfterEach();

async function setup(answer?: (n: number) => number | Promise<number>, webhooks: SandboxOptions['webhooks'] = {}): Promise<void> {
  receiver = closing(await startReceiver(answer));
  sandbox = closing(await createSandbox({ rateLimit: { enabled: false }, webhooks: { targetUrl: receiver.url, retryDelayMs: 1, ...webhooks } }));
  sandbox.store.createCompany({ name: 'Acme' }, { id: '1', silent: true });
  sandbox.store.createCompany({ name: 'Globex' }, { id: '2', silent: true });
}

const types = (r: Receiver) => r.events().map((e) => `${e.subscriptionType}${e.propertyName ? `:${e.propertyName}` : ''}`);

describe('what fires', () => {
  it('when a user edits a subscribed and an unsubscribed property, then only the subscribed one fires, signed v3 and v1 with the client secret', async () => {
    await setup();
    sandbox.store.updateCompany('1', { annualrevenue: '5000000', domain: 'acme.example' });
    await sandbox.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    const timestamp = Number(req?.headers['x-hubspot-request-timestamp']);
    const v3 = Signature.getSignature('POST', 'v3', { clientSecret: sandbox.clientSecret, requestBody: req?.body ?? '', url: receiver.url, timestamp, signature: '' });
    expect(req?.headers['x-hubspot-signature-v3']).toBe(v3);
    expect(req?.headers['x-hubspot-signature']).toBe(Signature.getSignature('POST', 'v1', { clientSecret: sandbox.clientSecret, requestBody: req?.body ?? '', signature: '' }));
    expect(req?.events).toEqual([expect.objectContaining({
      subscriptionType: 'company.propertyChange', objectId: 1, propertyName: 'annualrevenue', propertyValue: '5000000',
      portalId: Number(sandbox.portalId), appId: Number(sandbox.appId), attemptNumber: 0, changeSource: 'CRM_UI', sourceId: 'userId:71234567',
    })]);
    const parsed = parseWebhookBatch(req?.body ?? '');
    expect(parsed.ok).toBe(true);
    const asTheAppSeesIt = {
      method: 'POST', uri: signedUri(new URL(receiver.url).origin, req?.url ?? ''), rawBody: Buffer.from(req?.body ?? ''),
      signature: String(req?.headers['x-hubspot-signature-v3']), timestamp: String(timestamp),
    };
    expect(verifySignature(asTheAppSeesIt, [sandbox.clientSecret], timestamp + 1000)).toEqual({ ok: true, secretIndex: 0 });
  });

  it('when the app writes through the API with its token, then the events say INTEGRATION with its app id and the receiver sees its own write', async () => {
    await setup();
    const token = sandbox.oauth.issueTokens().accessToken;
    await call(sandbox, token, 'POST', '/crm/v3/objects/companies/batch/update', { inputs: [{ id: '2', properties: { annualrevenue: '7' } }] });
    await sandbox.webhooks.idle();
    const [event] = receiver.events();
    expect(event).toMatchObject({ changeSource: 'INTEGRATION', sourceId: sandbox.appId, objectId: 2 });
    const parsed = parseWebhookBatch(receiver.received[0]?.body ?? '');
    expect(parsed.ok && parsed.events.every((e) => isOwnWrite(e, sandbox.appId))).toBe(true);
  });

  it('when someone changes data with the private app token, then the token is stable and its events come from that other app, so the app under test takes them', async () => {
    await setup();
    const token = sandbox.oauth.privateAppToken();
    expect(sandbox.oauth.privateAppToken()).toBe(token);
    await call(sandbox, token, 'PATCH', '/crm/v3/objects/companies/1', { properties: { annualrevenue: '9' } });
    await sandbox.webhooks.idle();
    const [event] = receiver.events();
    expect(event).toMatchObject({ changeSource: 'INTEGRATION', objectId: 1, propertyName: 'annualrevenue' });
    expect(event?.sourceId).not.toBe(sandbox.appId);
    const parsed = parseWebhookBatch(receiver.received[0]?.body ?? '');
    expect(parsed.ok && parsed.events.some((e) => isOwnWrite(e, sandbox.appId))).toBe(false);
  });

  it('when a deal is created on a company, then creation, its subscribed properties and both sides of the primary association fire', async () => {
    await setup();
    const deal = sandbox.store.createDeal({ amount: '100', dealname: 'Big one', dealstage: 'qualifiedtobuy' }, { companyIds: ['1'] });
    await sandbox.webhooks.idle();
    expect(types(receiver).sort()).toEqual([
      'company.associationChange', 'deal.associationChange', 'deal.creation',
      'deal.propertyChange:amount', 'deal.propertyChange:dealstage', 'deal.propertyChange:hs_deal_stage_probability', 'deal.propertyChange:hs_is_closed', 'deal.propertyChange:hs_is_closed_won',
    ]);
    const assoc = receiver.events().filter((e) => e.subscriptionType.endsWith('associationChange'));
    expect(assoc).toEqual(expect.arrayContaining([
      expect.objectContaining({ subscriptionType: 'deal.associationChange', associationType: 'DEAL_TO_COMPANY', fromObjectId: Number(deal.id), toObjectId: 1, associationRemoved: false, isPrimaryAssociation: true }),
      expect.objectContaining({ subscriptionType: 'company.associationChange', associationType: 'COMPANY_TO_DEAL', fromObjectId: 1, toObjectId: Number(deal.id) }),
    ]));
    expect(receiver.events().find((e) => e.subscriptionType === 'deal.creation')).toMatchObject({ changeFlag: 'CREATED', objectId: Number(deal.id) });
  });

  it('when a deal is won, deleted and restored and two companies merge, then the matching events fire in that order', async () => {
    await setup();
    const deal = sandbox.store.createDeal({ amount: '5' }, { companyIds: ['2'], silent: true });
    sandbox.store.updateDeal(deal.id, { dealstage: 'closedwon' });
    sandbox.store.deleteDeal(deal.id);
    sandbox.store.restoreDeal(deal.id);
    sandbox.store.mergeCompanies('1', '2');
    await sandbox.webhooks.idle();
    expect(types(receiver)).toEqual([
      'deal.propertyChange:dealstage', 'deal.propertyChange:hs_is_closed_won', 'deal.propertyChange:hs_is_closed', 'deal.propertyChange:hs_deal_stage_probability',
      'deal.deletion', 'deal.restore', 'company.merge',
    ]);
    expect(receiver.events().at(-1)).toMatchObject({ primaryObjectId: 1, mergedObjectIds: [2], newObjectId: 1 });
    const parsed = parseWebhookBatch(receiver.received.map((r) => r.body).join('').replace('][', ','));
    expect(parsed.ok).toBe(true);
  });

  it('when the target URL carries percent-escapes, then the signature covers it decoded as HubSpot does and the app verifies it', async () => {
    await setup();
    sandbox.webhooks.setTarget(`${receiver.url}?tag=a%3Ab%20c`);
    sandbox.store.updateCompany('1', { annualrevenue: '3' });
    await sandbox.webhooks.idle();
    const [req] = receiver.received;
    const timestamp = String(req?.headers['x-hubspot-request-timestamp']);
    const request = { method: 'POST', uri: signedUri(new URL(receiver.url).origin, req?.url ?? ''), rawBody: Buffer.from(req?.body ?? ''), signature: String(req?.headers['x-hubspot-signature-v3']), timestamp };
    expect(request.uri).toBe(`${receiver.url}?tag=a:b%20c`);
    expect(verifySignature(request, [sandbox.clientSecret], Number(timestamp))).toMatchObject({ ok: true });
  });

  it('when subscriptions change at runtime, then only the new ones fire', async () => {
    await setup();
    sandbox.webhooks.setSubscriptions([{ subscriptionType: 'company.propertyChange', propertyName: 'domain' }]);
    sandbox.store.updateCompany('1', { annualrevenue: '1', domain: 'acme.example' });
    await sandbox.webhooks.idle();
    expect(types(receiver)).toEqual(['company.propertyChange:domain']);
  });
});

describe('delivery', () => {
  it('when 250 changes happen at once, then they go out as POSTs of 100, 100 and 50 and idle() waits for all', async () => {
    await setup();
    for (let i = 0; i < 250; i++) sandbox.store.updateCompany('1', { annualrevenue: String(i + 1) });
    expect(sandbox.webhooks.pending).toBe(250);
    await sandbox.webhooks.idle();
    expect(receiver.received.map((r) => r.events.length)).toEqual([100, 100, 50]);
    expect(sandbox.webhooks.stats()).toMatchObject({ pending: 0, delivered: 250, failed: 0, requests: 3 });
  });

  it('when the app answers 500, then 429, then 200, then the batch is retried with a rising attemptNumber and delivered once', async () => {
    await setup((n) => [500, 429, 200][n - 1] ?? 200);
    sandbox.store.updateCompany('1', { annualrevenue: '9' });
    await sandbox.webhooks.idle();
    expect(receiver.received.map((r) => r.events[0]?.attemptNumber)).toEqual([0, 1, 2]);
    expect(new Set(receiver.received.map((r) => r.events[0]?.eventId)).size).toBe(1);
    expect(sandbox.webhooks.stats()).toMatchObject({ delivered: 1, failed: 0, retries: 2 });
  });

  it('when the app answers 400, then the batch is not retried and counts as failed', async () => {
    await setup(() => 400);
    sandbox.store.updateCompany('1', { annualrevenue: '9' });
    await sandbox.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    expect(sandbox.webhooks.stats()).toMatchObject({ delivered: 0, failed: 1, retries: 0 });
  });

  it('when the app cannot be reached, then delivery is retried up to the bound and then counted failed', async () => {
    await setup(() => 200, { maxAttempts: 3 });
    await receiver.close();
    sandbox.store.updateCompany('1', { annualrevenue: '9' });
    await sandbox.webhooks.idle();
    expect(sandbox.webhooks.stats()).toMatchObject({ delivered: 0, failed: 1, retries: 2, requests: 3 });
  });

  it('when answers are slow, then no more than maxConcurrent POSTs are in flight', async () => {
    await setup(() => new Promise((r) => setTimeout(() => r(200), 20)), { maxConcurrent: 2, batchSize: 10 });
    for (let i = 0; i < 100; i++) sandbox.store.updateCompany('1', { annualrevenue: String(i + 1) });
    await sandbox.webhooks.idle();
    expect(receiver.received).toHaveLength(10);
    expect(receiver.maxInFlight).toBe(2);
  });

  it('when no target URL is set, then events are dropped and counted; setting one delivers what follows', async () => {
    await setup();
    sandbox.webhooks.setTarget(undefined);
    sandbox.store.updateCompany('1', { annualrevenue: '1' });
    expect(sandbox.webhooks.stats().dropped).toBe(1);
    sandbox.webhooks.setTarget(receiver.url);
    sandbox.store.updateCompany('1', { annualrevenue: '2' });
    await sandbox.webhooks.idle();
    expect(receiver.events().map((e) => e.propertyValue)).toEqual(['2']);
  });
});
