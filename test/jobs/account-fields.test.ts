// HubSpot's own account fields through the jobs: off by default (never touched); opted in, the
// pass marks the key accounts as target accounts and the tiers as ideal customer profiles, leaves a
// value someone set by hand, and a later recompute changes only what is still ours.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { recomputeCompanies } from '../../jobs/recompute-companies.ts';
import { OPERATOR } from '../../src/store/settings-history.ts';
import { testRedis } from '../support/redis.ts';
import { portalDeps, seededCrm } from './portal-fixture.ts';

let ctx: Awaited<ReturnType<typeof testRedis>>;
beforeEach(async () => {
  ctx = await testRedis();
});
afterEach(async () => ctx.cleanup());

const TIER_TO_PROFILE: Record<string, string | undefined> = { platinum: 'tier_1', gold: 'tier_2', silver: 'tier_3' };

async function optIn(deps: ReturnType<typeof portalDeps>, overwriteByHand = false): Promise<void> {
  const base = await deps.settings.get(deps.portalId);
  const saved = await deps.settings.write(deps.portalId, { kind: 'patch', baseVersion: base.version, by: OPERATOR, settings: { hubspotAccountFields: { write: true, overwriteByHand } } });
  if (!saved.ok) throw new Error('settings refused');
}

describe("HubSpot's own account fields", () => {
  it('when the admin has not opted in, then the pass writes neither field', async () => {
    const crm = seededCrm(120);
    await portfolioPass(portalDeps(ctx, crm));
    expect([...crm.companies.values()].filter((c) => c.hs_is_target_account != null || c.hs_ideal_customer_profile != null)).toEqual([]);
  });

  it('when opted in, then key accounts are target accounts and tiers are profiles, except where someone set a value by hand', async () => {
    const crm = seededCrm(120);
    const deps = portalDeps(ctx, crm);
    await optIn(deps);
    // A rep marked two companies by hand before the app was allowed to write.
    const [handTarget, handProfile] = [...crm.companies.keys()];
    crm.companies.get(handTarget!)!.hs_is_target_account = 'false';
    crm.companies.get(handProfile!)!.hs_ideal_customer_profile = 'tier_3';

    await portfolioPass(deps);

    const companies = [...crm.companies].filter(([id]) => id !== handTarget && id !== handProfile);
    const keys = companies.filter(([, c]) => c.kam_is_key_account === 'true');
    expect(keys.length).toBeGreaterThan(0);
    for (const [, c] of companies) {
      expect(c.hs_is_target_account ?? '').toBe(c.kam_is_key_account === 'true' ? 'true' : '');
      expect(c.hs_ideal_customer_profile ?? '').toBe(TIER_TO_PROFILE[c.kam_tier ?? ''] ?? '');
    }
    expect(crm.companies.get(handTarget!)!.hs_is_target_account).toBe('false');
    expect(crm.companies.get(handProfile!)!.hs_ideal_customer_profile).toBe('tier_3');
  });

  it('when a rep changes a value we wrote, then a later recompute keeps theirs; with overwrite chosen, ours comes back', async () => {
    const crm = seededCrm(120);
    const deps = portalDeps(ctx, crm);
    await optIn(deps);
    await portfolioPass(deps);
    const [id, c] = [...crm.companies].find(([, x]) => x.hs_ideal_customer_profile)!;
    const ours = c.hs_ideal_customer_profile;
    c.hs_ideal_customer_profile = ours === 'tier_1' ? 'tier_2' : 'tier_1';
    const handValue = c.hs_ideal_customer_profile;

    await recomputeCompanies(deps, [id]);
    expect(crm.companies.get(id)!.hs_ideal_customer_profile).toBe(handValue);

    await optIn(deps, true);
    await recomputeCompanies(deps, [id]);
    expect(crm.companies.get(id)!.hs_ideal_customer_profile).toBe(ours);
  });
});
