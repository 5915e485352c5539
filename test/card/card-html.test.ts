import { createElement as h } from 'react';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { cardHtml, escapeHtml } from '../../src/card/card-html.ts';
import { cardViewModel, type CardViewModel } from '../../src/card/card-view-model.ts';
import { CompanyCardView } from '../../src/card/company-card.ts';
import { DEPTH_NOT_WRITTEN } from '../../src/card/card-depth.ts';
import { depthCompanies, depthProperties, scoreDepthPortfolio } from '../support/depth-portfolio.ts';
import { SCORED, scoredExamples } from './support.ts';

const TITLE = 'Key account';

/** Every piece of text the card shows, from the view model. */
function shownTexts(vm: CardViewModel): string[] {
  return [
    vm.status,
    ...vm.badges.map((b) => `${b.label}: ${b.text}`),
    ...(vm.isKeyAccount ? ['Key account'] : []),
    ...(vm.scored ? [`${vm.shareOfWallet.text} (${vm.shareOfWallet.sourceText})`, ...vm.figures.flatMap((f) => [f.label, f.text])] : []),
    ...(vm.explanation === null ? [] : [vm.explanation]),
    ...(vm.hint === null ? [] : [vm.hint]),
    ...depthTexts(vm),
  ];
}

/** The account-depth texts: the group, the relationship, the product lines, or why they are missing. */
function depthTexts(vm: CardViewModel): string[] {
  const d = vm.depth;
  if (d === null) return [];
  if (!d.written) return [d.note!];
  return [
    ...(d.group ? [d.group.summary, d.group.note, ...d.group.rows.flatMap((r) => [r.label, r.own, r.group])] : []),
    ...(d.relationship ? [`Stage: ${d.relationship.text}`, d.relationship.rolesText, ...(d.relationship.play ? [d.relationship.play] : [])] : []),
    ...(d.productLines ? [
      ...(d.productLines.totalText ? [`Whitespace: ${d.productLines.totalText} a year`] : []),
      ...d.productLines.lines.flatMap((l) => [l.line, l.whitespaceText]),
      ...(d.productLines.note ? [d.productLines.note] : []),
    ] : []),
  ];
}

describe('cardHtml', () => {
  it('when a scored company is rendered, then the page shows every text the React card shows', () => {
    const vm = cardViewModel(SCORED);
    const html = cardHtml(vm, { title: TITLE });
    const renderer = createRenderer('crm.record.tab');
    const reactOutput = renderer.render(h(CompanyCardView, { model: vm })).toString();
    for (const text of shownTexts(vm)) {
      expect(html, text).toContain(escapeHtml(text));
      expect(reactOutput, text).toContain(text);
    }
    expect(html).toContain('<h1>Key account · Acme Industrial</h1>');
  });

  it('when the depth portfolio is rendered, then each page shows every depth text the React card shows, and the tables in order', () => {
    const result = scoreDepthPortfolio();
    const inputs = new Map(depthCompanies().map((c) => [c.id, c]));
    for (const f of result.accounts) {
      const vm = cardViewModel(depthProperties(f, inputs.get(f.companyId)!));
      const html = cardHtml(vm, { title: TITLE });
      const reactOutput = createRenderer('crm.record.tab').render(h(CompanyCardView, { model: vm })).toString();
      expect(depthTexts(vm).length, f.companyId).toBeGreaterThan(4);
      for (const text of depthTexts(vm)) {
        expect(html, `${f.companyId}: ${text}`).toContain(escapeHtml(text));
        expect(reactOutput, `${f.companyId}: ${text}`).toContain(text);
      }
    }
    const member = cardHtml(cardViewModel(depthProperties(result.accounts.find((a) => a.companyId === '102')!, inputs.get('102')!)), { title: TITLE });
    expect(member).toContain('<tr><td>Licences</td><td>Yes</td><td class="num">4,818,182</td></tr><tr><td>Services</td><td>No</td><td class="num">3,272,727</td></tr>');
    expect(member).toContain('<tr><td>Share of wallet</td><td class="num">10 %</td><td class="num">12.9 %</td></tr>');
  });

  it('when the portal has no depth properties, then the page says so in one note and draws no depth table', () => {
    const html = cardHtml(cardViewModel(SCORED), { title: TITLE });
    expect(html).toContain(`<div class="tip" data-testid="depth-note">`);
    expect(html).toContain(escapeHtml(DEPTH_NOT_WRITTEN));
    expect(html).not.toContain('data-testid="group-figures"');
  });

  it('when the bar is drawn, then its width is the share of wallet, and its colour says whether the wallet was entered', () => {
    expect(cardHtml(cardViewModel(SCORED), { title: TITLE })).toContain('style="width:12.5%;background:#00bda5"');
    expect(cardHtml(cardViewModel({ ...SCORED, kam_share_of_wallet: '140', kam_wallet_source: 'estimated' }), { title: TITLE }))
      .toContain('style="width:100%;background:#f5c26b"');
  });

  it('when inputs are listed, then missing ones come first and invite a value, filled ones show theirs', () => {
    const html = cardHtml(cardViewModel(SCORED), { title: TITLE });
    const rows = [...html.matchAll(/<tr data-property="([^"]+)">.*?<\/tr>/g)].map((m) => m[0]);
    expect(rows[0]).toContain('data-property="kam_target_share_pct"');
    expect(rows[0]).toContain('<td class="missing">Add a value</td>');
    expect(rows.find((r) => r.includes('"kam_category_spend"'))).toContain('<td>1,200,000</td>');
    expect(rows.find((r) => r.includes('"kam_strategic"'))).toContain('<td>—</td>');
    expect(rows).toHaveLength(15);
  });

  it('when a value carries markup, then it is escaped and no script can run from the page', () => {
    const html = cardHtml(cardViewModel({ ...SCORED, name: '<script>alert(1)</script>', kam_explanation: 'a "b" & <i>c</i>' }), { title: TITLE });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('a &#34;b&#34; &#38; &#60;i&#62;c&#60;/i&#62;');
  });

  it('when a company is not scored, then the page shows the status and inputs but no badges or bar', () => {
    const html = cardHtml(cardViewModel({ name: 'New Co' }), { title: TITLE });
    expect(html).toMatch(/Not scored yet/);
    expect(html).not.toContain('data-testid="badges"');
    expect(html).not.toContain('class="bar"');
    expect(html).toContain('data-testid="inputs"');
  });

  it('when every example company is rendered, then each page is a complete document with its own figures', () => {
    for (const { properties } of scoredExamples().slice(0, 40)) {
      const vm = cardViewModel(properties);
      const html = cardHtml(vm, { title: TITLE });
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html.trimEnd().endsWith('</html>')).toBe(true);
      for (const text of shownTexts(vm)) expect(html).toContain(escapeHtml(text));
    }
  });
});
