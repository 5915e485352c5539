// "The nock tests and the sandbox agree on shapes": every HubSpot fixture the adapter tests replay
// through nock is replayed here, request for request, against the sandbox over real HTTP, and the
// sandbox's answer must have the fixture's status, keys and JSON types (values may differ).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { loadFixturePortal, provisionOutputs, shapeOf } from './fixture-portal.ts';
import { fixture, type Fixture } from '../support/hubspot-fixtures.ts';
import { call } from './support.ts';

const NOW = Date.parse('2026-11-22T06:00:00.000Z');
let clock = NOW;
let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await createSandbox({ now: () => clock, associationPageSize: 2, rateLimit: { enabled: false } });
  loadFixturePortal(sandbox.store);
  provisionOutputs(sandbox.store);
  token = sandbox.oauth.issueTokens().accessToken;
});
afterAll(() => sandbox.close());

async function replay(fx: Fixture, body: unknown = fx.request.body, as = token) {
  return call(sandbox, as, fx.request.method, fx.request.path, body);
}

async function expectSameShape(name: string, fx = fixture(name)): Promise<Record<string, unknown>> {
  const res = await replay(fx);
  expect(res.status, `${name}: ${JSON.stringify(res.json).slice(0, 300)}`).toBe(fx.response.status);
  expect(shapeOf(res.json)).toEqual(shapeOf(fx.response.body));
  return res.json;
}

describe('sandbox answers in the shapes of the HubSpot fixtures', () => {
  it.each([
    'companies-batch-read',
    'companies-batch-read-207',
    'deals-batch-read',
    'companies-page',
    'deals-page-last',
    'associations-v4-batch-read',
    'companies-batch-update',
    'companies-batch-update-207',
    'tasks-batch-create',
    'property-groups-list',
  ])('when the %s request is replayed, then status, keys and types match the fixture', async (name) => {
    await expectSameShape(name);
  });

  it('when a task is to be associated with a deleted company, then that input fails in a 207 naming its trace id', async () => {
    sandbox.store.deleteCompany('18273645002', { silent: true });
    try {
      const body = await expectSameShape('tasks-batch-create-207');
      expect(body.errors).toEqual([expect.objectContaining({ category: 'VALIDATION_ERROR', context: { objectWriteTraceId: ['1'] } })]);
    } finally {
      sandbox.store.restoreCompany('18273645002', { silent: true });
    }
  });

  it('when the search fixture is replayed, then total, results and the offset cursor match', async () => {
    const fx = JSON.parse(readFileSync(new URL('./fixtures/search-companies.json', import.meta.url), 'utf8')) as Fixture;
    const body = await expectSameShape('search-companies', fx);
    expect(body).toMatchObject({ total: 3, paging: { next: { after: '2' } } });
  });

  it('when a company has more associations than a page holds, then page 1 carries a cursor and page 2 (sent back as {id, after}) the rest', async () => {
    const page1 = await expectSameShape('associations-v4-companies-deals-page1');
    const after = (page1.results as Array<{ paging?: { next: { after: string } } }>)[0]?.paging?.next.after;
    const fx2 = fixture('associations-v4-companies-deals-page2');
    const res = await replay(fx2, { inputs: [{ id: '18273645001', after }] });
    expect(res.status).toBe(200);
    expect(shapeOf(res.json)).toEqual(shapeOf(fx2.response.body));
    expect(res.json.results).toEqual([{ from: { id: '18273645001' }, to: [{ toObjectId: 30111222005, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 342, label: null }] }] }]);
  });

  it('when a property group, an enumeration property and its duplicate are created in a fresh portal, then 201, 201 and the 409 body match', async () => {
    const fresh = sandbox.oauth.issueTokens('55555555').accessToken;
    for (const name of ['property-group-create', 'property-create-enumeration']) {
      const fx = fixture(name);
      const res = await replay(fx, fx.request.body, fresh);
      expect(res.status).toBe(201);
      expect(shapeOf(res.json)).toEqual(shapeOf(fx.response.body));
    }
    const conflict = fixture('property-create-conflict');
    const res = await replay(conflict, conflict.request.body, fresh);
    expect(res.status).toBe(409);
    expect(shapeOf(res.json)).toEqual(shapeOf(conflict.response.body));
    expect(res.json.category).toBe('OBJECT_ALREADY_EXISTS');
    expect(res.headers.get('x-hubspot-correlation-id')).toBe(res.json.correlationId);
  });

  it('when properties are listed and batch-created, then each property and the batch envelope have the fixture keys', async () => {
    const list = await replay(fixture('properties-list'));
    const fxList = fixture('properties-list').response.body.results as unknown[];
    const have = list.json.results as Array<{ name: string }>;
    expect(shapeOf(have.find((p) => p.name === 'name'))).toEqual(shapeOf(fxList[0]));
    expect(shapeOf(have.find((p) => p.name === 'kam_tier'))).toEqual(shapeOf(fxList[1]));
    const fxBatch = fixture('properties-batch-create');
    const input = { name: 'kam_extra', label: 'Extra', type: 'string', fieldType: 'text', groupName: 'kam', formField: false };
    const res = await replay(fxBatch, { inputs: [input] });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(Object.keys(fxBatch.response.body).sort());
    const created = (res.json.results as Array<Record<string, unknown>>)[0] ?? {};
    expect(Object.keys(created).sort()).toEqual(Object.keys(fixture('property-create-enumeration').response.body).sort());
  });

  it('when a token has expired, then the 401 body is the fixture one with the expire time', async () => {
    const stale = sandbox.oauth.issueTokens().accessToken;
    clock += 1800_000 + 12 * 60_000;
    try {
      const fx = fixture('error-401-expired-token');
      const res = await replay(fx, fx.request.body, stale);
      expect(res.status).toBe(401);
      expect(shapeOf(res.json)).toEqual(shapeOf(fx.response.body));
      expect(res.json.message).toBe('The OAuth token used to make this call expired 12 minute(s) ago.');
    } finally {
      clock = NOW;
    }
  });

  it('when the ten-secondly limit is used up, then the 429 body and headers are the fixture ones', async () => {
    sandbox.rateLimit.set({ enabled: true, perTenSeconds: 1 });
    sandbox.rateLimit.reset();
    try {
      const fx = fixture('error-429-ten-secondly');
      expect((await replay(fx)).status).toBe(200);
      const res = await replay(fx);
      expect(res.status).toBe(429);
      expect(shapeOf(res.json)).toEqual(shapeOf(fx.response.body));
      for (const h of Object.keys(fx.response.headers ?? {})) expect(res.headers.has(h), h).toBe(true);
      expect(res.json.policyName).toBe('TEN_SECONDLY_ROLLING');
    } finally {
      sandbox.rateLimit.set({ enabled: false, perTenSeconds: 110 });
    }
  });
});

describe('sandbox OAuth answers in the shapes of the fixtures', () => {
  const form = (body: unknown) => new URLSearchParams(body as Record<string, string>).toString();
  const postToken = async (body: Record<string, string>) => {
    const res = await fetch(`${sandbox.url}/oauth/v3/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const creds = () => ({ client_id: sandbox.clientId, client_secret: sandbox.clientSecret });

  it('when a code from authorize is exchanged, then the token response has the fixture keys and the hub id', async () => {
    const redirect = 'https://kam.example.com/oauth/callback';
    const auth = await fetch(`${sandbox.url}/oauth/authorize?client_id=${sandbox.clientId}&redirect_uri=${encodeURIComponent(redirect)}&scope=oauth&state=s1`, { redirect: 'manual' });
    expect(auth.status).toBe(302);
    const back = new URL(auth.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(redirect);
    expect(back.searchParams.get('state')).toBe('s1');
    const fx = fixture('oauth-token-authorization-code');
    const res = await postToken({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: redirect, ...creds() });
    expect(res.status).toBe(200);
    expect(shapeOf(res.json)).toEqual(shapeOf(fx.response.body));
    expect(res.json.hub_id).toBe(Number(sandbox.portalId));
  });

  it('when a refresh token is used, then the fixture shape comes back; when it is unknown, the BAD_REFRESH_TOKEN body', async () => {
    const issued = sandbox.oauth.issueTokens();
    const ok = await postToken({ grant_type: 'refresh_token', refresh_token: issued.refreshToken, ...creds() });
    expect(ok.status).toBe(200);
    expect(shapeOf(ok.json)).toEqual(shapeOf(fixture('oauth-token').response.body));
    const bad = await postToken({ grant_type: 'refresh_token', refresh_token: 'na1-unknown', ...creds() });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual(fixture('oauth-token-bad-refresh').response.body);
  });

  it('when an access token is looked up, then the info has the fixture keys, the hub id and the app id', async () => {
    const fx = fixture('oauth-access-token-info');
    const res = await call(sandbox, undefined, 'GET', `/oauth/v1/access-tokens/${token}`);
    expect(res.status).toBe(200);
    expect(shapeOf(res.json)).toEqual(shapeOf(fx.response.body));
    expect(res.json).toMatchObject({ hub_id: Number(sandbox.portalId), app_id: Number(sandbox.appId), token });
    expect(JSON.stringify(sandbox.calls.recent())).not.toContain(token);
  });
});
