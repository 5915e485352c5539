import { createElement as h } from 'react';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { cardHtml, escapeHtml } from '../../src/card/card-html.ts';
import { cardViewModel, type CardViewModel } from '../../src/card/card-view-model.ts';
import { CompanyCardView } from '../../src/card/company-card.ts';
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
