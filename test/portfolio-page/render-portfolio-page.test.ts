import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, scorePortfolio } from '../../src/model/index.ts';
import { renderKeyAccounts } from '../../src/portfolio-page/account-tables.ts';
import { jsonForScript } from '../../src/portfolio-page/html-escape.ts';
import { buildPortfolioView } from '../../src/portfolio-page/portfolio-view.ts';
import { renderPortfolioPage } from '../../src/portfolio-page/render-portfolio-page.ts';
import { DEPTH_AS_OF, DEPTH_SETTINGS, scoreDepthPortfolio } from '../support/depth-portfolio.ts';
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

describe('portfolio page HTML with groups and product lines', () => {
  const renderDepth = (group?: string) => {
    const result = scoreDepthPortfolio();
    return renderPortfolioPage(buildPortfolioView(result, DEPTH_SETTINGS, { portalId: '7', asOf: DEPTH_AS_OF, modelVersion: 2, group }), URLS);
  };
  const rowsOf = (html: string, table: string) => {
    const body = new RegExp(`<table class="${table}">(.*?)</table>`).exec(html)?.[1] ?? '';
    return [...body.matchAll(/<tr data-[a-z]+="(\d+)">(.*?)<\/tr>/g)].map((m) => [m[1], ...[...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, ''))]);
  };

  it('when the portfolio has groups, then a table lists each by its top company with its size, how it buys, its figures and its members\' whitespace', () => {
    const html = renderDepth();
    expect(html).toContain('<h2>Groups of companies · 2</h2>');
    expect(rowsOf(html, 'groups')).toEqual([
      ['101', '1', 'Northwind Holdings', '3', 'as one', '12.9 %', '912,000', '27,000,000'],
      ['202', '2', 'Branchline Group', '2', 'branches', '14.3 %', '297,840', '6,000,000'],
    ]);
    expect(html).toContain('<a href="?portal=7&#38;group=101" title="Northwind Holdings">Northwind Holdings</a>');
    expect(html).toContain('<form class="group-filter" method="get"><input type="hidden" name="portal" value="7">');
  });

  it('when key accounts are listed, then each shows its whitespace with the line of the largest gap, and its group linking to the group', () => {
    const rows = rowsOf(renderDepth(), 'key-accounts');
    expect(rows.map((r) => [r[0], r[6], r[7]])).toEqual([
      ['101', '17,000,000 Licences', 'top of 3'], ['102', '9,000,000 Licences', 'Northwind Holdings (3)'], ['103', '1,000,000 Licences', 'Northwind Holdings (3)'],
    ]);
    expect(renderDepth()).toContain('<a href="?portal=7&#38;group=101" title="Group of Northwind Holdings">Northwind Holdings (3)</a>');
    expect(renderDepth()).toContain('<strong>Whitespace</strong>: what a company of its size spends');
  });

  it('when the page is filtered by a group, then the group\'s companies come first, each with its share of the group, and how the group buys', () => {
    const html = renderDepth('101');
    expect(html).toContain('<h2>Group of Northwind Holdings · 3 companies</h2>');
    expect(html).toContain('The group buys as one: it is ranked once (rank 1) and takes one key place');
    expect(html).toContain('Group share of wallet 12.9 %, expected profit 912,000, whitespace 27,000,000.');
    expect(rowsOf(html, 'members').map((r) => [r[0], r[6], r[8]])).toEqual([['101', '75 %', '17,000,000 Licences'], ['102', '25 %', '9,000,000 Licences'], ['103', '0 %', '1,000,000 Licences']]);
    expect(html.indexOf('id="group-filter"')).toBeLessThan(html.indexOf('id="matrix"'));
    expect(renderDepth('202')).toContain('Each company of the group buys on its own and is ranked on its own');
  });

  it('when the group named is a company alone or not a top, then the page says which instead of an empty table', () => {
    expect(renderDepth('301')).toContain('<h2>Solo Traders: not part of a group</h2>');
    expect(rowsOf(renderDepth('301'), 'members').map((r) => r[0])).toEqual(['301']);
    const member = renderDepth('102');
    expect(member).toContain('No group has company 102 at its top in this portfolio');
    expect(member).not.toContain('<table class="members">');
  });

  it('when no company has a parent or a whitespace figure, then both panels say so', () => {
    const { html } = render();
    expect(html).toContain('<h2>Groups of companies · 0</h2>');
    expect(html).toContain('No company has a parent or child company in HubSpot');
    expect(html).toContain('No whitespace figures yet');
    expect(html).not.toContain('id="group-filter"');
    // No column of dashes in the key-account table.
    expect(/<table class="key-accounts"><tr>(.*?)<\/tr>/.exec(html)?.[1]).not.toMatch(/whitespace|group/);
  });
});
