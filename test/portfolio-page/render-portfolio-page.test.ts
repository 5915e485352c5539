import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, scorePortfolio } from '../../src/model/index.ts';
import { renderKeyAccounts } from '../../src/portfolio-page/account-tables.ts';
import { jsonForScript } from '../../src/portfolio-page/html-escape.ts';
import { buildPortfolioView } from '../../src/portfolio-page/portfolio-view.ts';
import { renderPortfolioPage } from '../../src/portfolio-page/render-portfolio-page.ts';
import { EXAMPLE_AS_OF, EXAMPLE_COMPANIES } from './example-portfolio.ts';

const URLS = { whatIf: '/api/portfolio/what-if?portal=7', settings: '/api/settings?portal=7' };
const render = (companies = EXAMPLE_COMPANIES) => {
  const result = scorePortfolio(companies, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
  return { result, html: renderPortfolioPage(buildPortfolioView(result, DEFAULT_SETTINGS, { portalId: '7', asOf: EXAMPLE_AS_OF, modelVersion: 4 }), URLS) };
};

describe('portfolio page HTML', () => {
  it('when rendered, then it draws one dot per company with a tooltip, the two threshold lines with their values and the four quadrant labels', () => {
    const { result, html } = render();
    expect(html.match(/<circle class="dot[ "]/g)).toHaveLength(300);
    expect(html.match(/<circle class="dot[ "][^>]*><title>[^<]+<\/title><\/circle>/g)).toHaveLength(300);
    const unknown = result.accounts.filter((a) => a.strength.value === null || a.attractiveness.value === null).length;
    expect(html.match(/<circle class="dot hollow" style="stroke:#[0-9a-f]{6}"/g)).toHaveLength(unknown);
    const top = result.accounts[0]!;
    expect(html).toContain(`data-company="${top.companyId}"><title>${top.name}\n`);
    expect(html.match(/<line class="threshold"/g)).toHaveLength(2);
    expect(html).toContain(`strength 5.5</text>`);
    expect(html).toContain(`attractiveness ${Math.round(result.thresholds.attractiveness * 10) / 10} (portfolio average)</text>`);
    for (const label of ['Key \\(matrix\\)', 'Key development', 'Maintenance', 'Opportunistic']) expect(html).toMatch(new RegExp(`class="quadrant-label"[^>]*>${label} · \\d+</text>`));
  });

  it('when rendered, then the capacity line, the whale curve with its 100 % line and peak, and the what-if form are on the page', () => {
    const { html } = render();
    expect(html).toContain('<p class="capacity" id="capacity-line">25 of 25 places used; 10 eligible accounts waiting</p>');
    expect(html).toContain('class="hundred"');
    expect(html).toMatch(/peak \d+(\.\d)? % at rank \d+/);
    expect(html).toContain('Cumulative <strong>expected account profit</strong>');
    expect(html.match(/<tr data-company=/g)!.length).toBeGreaterThanOrEqual(25);
    for (const name of ['attractivenessWeights.size', 'strengthWeights.share_of_wallet', 'thresholds.attractiveness.mode', 'thresholds.strength.value', 'profitTarget', 'keyAccountCapacity']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain('id="what-if-save"');
  });

  it('when rendered, then nothing is loaded from another host: no external script, stylesheet, font or image', () => {
    const { html } = render();
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/@import|@font-face|url\(/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('when a company name holds markup, then it is shown as text everywhere, and the embedded data cannot close its script', () => {
    const evil = '</script><script>alert(1)</script><b>Acme</b>';
    const companies = EXAMPLE_COMPANIES.map((c, i) => (i === 0 ? { ...c, properties: { ...c.properties, name: evil } } : c));
    const { html } = render(companies);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>Acme</b>');
    expect(html).toContain('&#60;b&#62;Acme&#60;/b&#62;');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(jsonForScript({ name: evil })).not.toContain('</script>');
    expect(JSON.parse(jsonForScript({ name: evil }))).toEqual({ name: evil });
  });

  it('when the page embeds its data, then the script finds the settings and the two API addresses', () => {
    const { html } = render();
    const json = /<script type="application\/json" id="kam-data">(.*?)<\/script>/s.exec(html)?.[1];
    const data = JSON.parse(json!);
    expect(data.urls).toEqual(URLS);
    expect(data.settings).toEqual(DEFAULT_SETTINGS);
    expect(data.portalId).toBe('7');
  });
});

describe('key-account table', () => {
  it('when there are more key accounts than the table lists, then the rest are counted below it', () => {
    const result = scorePortfolio(EXAMPLE_COMPANIES, DEFAULT_SETTINGS, EXAMPLE_AS_OF);
    const view = buildPortfolioView(result, DEFAULT_SETTINGS, { portalId: '7', asOf: EXAMPLE_AS_OF, modelVersion: 1 });
    const html = renderKeyAccounts(view, 10);
    expect(html.match(/<tr data-company=/g)).toHaveLength(10);
    expect(html).toContain('… and 15 more key accounts.');
  });
});
