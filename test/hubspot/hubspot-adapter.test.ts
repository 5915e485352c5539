import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubSpotAdapter } from '../../src/hubspot/hubspot-adapter.ts';
import { rateLimitKey } from '../../src/hubspot/rate-limiter.ts';
import { useTestRedis } from '../support/redis.ts';
import { captureLogs } from '../support/capture-logs.ts';
import { BASE, fixture, PORTAL } from '../support/hubspot-fixtures.ts';
import { testConfig } from '../support/test-config.ts';

const readFx = fixture('companies-batch-read');

describe('hubspot adapter', () => {
  const ctx = useTestRedis();
  afterEach(async () => {
    nock.cleanAll();
  });

  it('when a client is made for an installed portal, then it calls HubSpot with the stored token, counted and rate-limited in the portal\'s window', async () => {
    const adapter = createHubSpotAdapter({ config: testConfig(), redis: ctx.redis, prefix: ctx.prefix, logger: captureLogs().logger });
    await adapter.portals.markInstalled(PORTAL);
    await adapter.tokenStore.save(PORTAL, { accessToken: 'CJSP-stored', refreshToken: 'na1-r', expiresAt: Date.now() + 3_600_000 });
    nock(BASE, { reqheaders: { authorization: 'Bearer CJSP-stored' } }).post('/crm/v3/objects/companies/batch/read').reply(200, readFx.response.body, readFx.response.headers);
    const res = await adapter.clientFor(PORTAL).readCompanies(['18273645001', '18273645002'], ['name']);
    expect(res.records).toHaveLength(2);
    expect(adapter.callCounter.total()).toBe(1);
    expect(await ctx.redis.zcard(rateLimitKey(ctx.prefix, PORTAL, 'api'))).toBe(1);
  });

  it('when no prefix is given, then the configured QUEUE_PREFIX is used', () => {
    const adapter = createHubSpotAdapter({ config: testConfig(), redis: ctx.redis, logger: captureLogs().logger });
    expect(adapter.prefix).toBe('{kam}');
  });
});
