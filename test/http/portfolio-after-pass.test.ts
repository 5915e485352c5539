// The whole chain: a full portfolio pass reads a portal (here a MemoryCrm holding the example
// portfolio), stores its model inputs, and the page then shows what `kam score` prints for the file.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { portfolioPass } from '../../jobs/portfolio-pass.ts';
import { runScore } from '../../src/cli/score-command.ts';
import { QUADRANTS, CATEGORIES, type AccountFigures } from '../../src/model/types.ts';
import { fakeIo } from '../cli/fake-io.ts';
import { EXAMPLE_AS_OF, EXAMPLE_COMPANIES, EXAMPLE_PATH, EXAMPLE_TEXT } from '../portfolio-page/example-portfolio.ts';
import { crmOf } from '../jobs/portal-fixture.ts';
import { BASIC, useAdminApp } from './admin-app.ts';

const PORTAL = '24681357';

describe('portfolio page after a full pass', () => {
  const app = useAdminApp(() => EXAMPLE_AS_OF.getTime());

  it('when a pass has read the example portal, then the page shows the counts, thresholds and key list of kam score on the example file', async () => {
    await app.portals.markInstalled(PORTAL);
    const outcome = await portfolioPass({
      redis: app.redis, prefix: app.prefix, portalId: PORTAL, crm: crmOf(EXAMPLE_COMPANIES), settings: app.settings, logger: pino({ level: 'silent' }), now: () => EXAMPLE_AS_OF.getTime(),
    });
    expect(outcome.companies).toBe(300);

    const io = fakeIo({ [EXAMPLE_PATH]: EXAMPLE_TEXT });
    expect(await runScore({ file: EXAMPLE_PATH, format: 'json' }, io.io)).toBe(0);
    const kam = JSON.parse(io.stdout()) as { accounts: AccountFigures[]; keyCount: number; keyAccountCapacity: number; waitingCount: number; thresholds: { attractiveness: number } };

    const html = await (await fetch(`${app.base}/portfolio?portal=${PORTAL}`, { headers: { authorization: BASIC } })).text();
    for (const q of QUADRANTS) expect(html).toContain(`data-quadrant="${q}"><div class="n">${kam.accounts.filter((a) => a.quadrant === q).length}</div>`);
    for (const c of CATEGORIES) expect(html).toContain(`data-category="${c}">${kam.accounts.filter((a) => a.category === c).length} `);
    expect(html).toContain(`${kam.keyCount} of ${kam.keyAccountCapacity} places used; ${kam.waitingCount} eligible accounts waiting`);
    expect(html).toContain(`attractiveness ${Math.round(kam.thresholds.attractiveness * 10) / 10} (portfolio average)</text>`);
    const keyIds = [...html.matchAll(/<tr data-company="(\d+)">/g)].map((m) => m[1]).slice(0, kam.keyCount);
    expect(keyIds).toEqual(kam.accounts.filter((a) => a.isKeyAccount).map((a) => a.companyId));
  });
});
