import { createElement as h } from 'react';
import { Alert, ErrorState, LoadingSpinner, ProgressBar, StatisticsItem, Table, TableCell, TableHeader, TableRow, Tag, Text } from '@hubspot/ui-extensions';
import { CrmPropertyList } from '@hubspot/ui-extensions/crm';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it } from 'vitest';
import { CARD_PROPERTY_NAMES, cardViewModel, type CardProperties } from '../../src/card/card-view-model.ts';
import { CompanyCard } from '../../src/card/company-card.ts';
import { DEPTH_NOT_WRITTEN } from '../../src/card/card-depth.ts';
import { depthCompanies, depthProperties, scoreDepthPortfolio } from '../support/depth-portfolio.ts';
import { SCORED } from './support.ts';

function renderWith(properties: CardProperties, state: { isLoading?: boolean; error?: Error | null } = {}) {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.useCrmProperties.nextResult({
    properties: properties as Record<string, string | null>,
    error: state.error ?? null,
    isLoading: state.isLoading ?? false,
    isRefetching: false,
    refetch: async () => undefined,
  });
  renderer.render(h(CompanyCard));
  return renderer;
}

describe('CompanyCard', () => {
  it('when it mounts, then it asks HubSpot for exactly the properties the view model reads', () => {
    const renderer = renderWith(SCORED);
    expect(renderer.mocks.useCrmProperties.calls[0]?.[0]).toEqual([...CARD_PROPERTY_NAMES]);
  });

  it('when the company is scored, then the four badges and the key-account tag are drawn in order', () => {
    const { findAll } = renderWith(SCORED);
    expect(findAll(Tag).map((t) => [t.text, t.props.variant])).toEqual([
      ['Quadrant: Key development', 'info'],
      ['Category: Key account', 'success'],
      ['Tier: Gold', 'warning'],
      ['Action: Grow', 'success'],
      ['Key account', 'success'],
    ]);
  });

  it('when the company is scored, then share of wallet is a bar with its wallet source, and the figures are statistics', () => {
    const { find, findAll, findByTestId } = renderWith(SCORED);
    expect(find(ProgressBar).props).toMatchObject({
      title: 'Share of wallet', value: 12.5, maxValue: 100, variant: 'success',
      valueDescription: '12.5 % of a 1,200,000 wallet (wallet entered by the account team)',
    });
    expect(findAll(StatisticsItem).map((s) => [s.props.label, s.props.number])).toEqual([
      ['Expected profit', '184,250'], ['Lifetime value', '612,400'], ['Priority rank', '#3'],
    ]);
    expect(findByTestId(Text, 'explanation').text).toBe(SCORED.kam_explanation);
    expect(findByTestId(Text, 'status').text).toBe('Scored 2026-11-22 14:05 UTC · model version 3');
  });

  it('when inputs are missing, then a tip names them and the editable property list puts them first', () => {
    const { find, findByTestId } = renderWith(SCORED);
    const vm = cardViewModel(SCORED);
    expect(findByTestId(Alert, 'hint').props.title).toBe('Sharpen the score');
    expect(findByTestId(Alert, 'hint').text).toBe(vm.hint);
    const listed = find(CrmPropertyList).props.properties;
    expect(listed.slice(0, vm.missingInputs.length)).toEqual(vm.missingInputs.map((i) => i.property));
    expect([...listed].sort()).toEqual(vm.inputs.map((i) => i.property).sort());
  });

  it('when the company was never scored, then there are no badges or bar, only the status and the inputs', () => {
    const { findAll, maybeFind, findByTestId } = renderWith({ name: 'New Co' });
    expect(findAll(Tag)).toEqual([]);
    expect(maybeFind(ProgressBar)).toBeNull();
    expect(findByTestId(Text, 'status').text).toMatch(/^Not scored yet/);
    expect(maybeFind(CrmPropertyList)).not.toBeNull();
  });

  it('when the properties are loading or failed to load, then a spinner or an error state is shown instead', () => {
    expect(renderWith({}, { isLoading: true }).maybeFind(LoadingSpinner)).not.toBeNull();
    const failed = renderWith({}, { error: new Error('boom') });
    expect(failed.find(ErrorState).props.title).toBe('The key-account figures could not be loaded.');
    expect(failed.maybeFind(Tag)).toBeNull();
  });
});

describe('CompanyCard with account depth', () => {
  const member = (): CardProperties => {
    const figures = scoreDepthPortfolio().accounts.find((a) => a.companyId === '102')!;
    return depthProperties(figures, depthCompanies().find((c) => c.id === '102')!);
  };

  it('when the depth figures are written, then the group table, the stage with the committee play and the product lines are drawn', () => {
    const { findByTestId, findAll } = renderWith(member());
    expect(findByTestId(Text, 'group-summary').text).toBe('In the group of company 101 (3 companies)');
    const rows = (testId: string) => findByTestId(Table, testId).findAll(TableRow).map((r) => r.findAll(TableCell).map((c) => c.text));
    expect(rows('group-figures')).toEqual([
      [], ['Share of wallet', '10 %', '12.9 %'], ['Expected profit', '912,000', '912,000'], ["Share of the group's revenue", '25 %', '100 %'],
    ]);
    expect(findByTestId(Text, 'relationship-stage').text).toBe('Stage: Cooperative');
    expect(findByTestId(Alert, 'buying-roles').text).toContain('Map the buying committee of Northwind Retail: no champion or executive sponsor.');
    expect(findByTestId(Text, 'whitespace-total').text).toBe('Whitespace: 9,000,000 a year');
    expect(rows('product-lines').slice(1)).toEqual([['Licences', 'Yes', '4,818,182'], ['Services', 'No', '3,272,727'], ['Hardware', 'No', '909,091']]);
    expect(findAll(TableHeader).map((t) => t.text ?? '')).toEqual(['', 'This company', 'Group', 'Product line', 'Bought from us', 'Whitespace']);
  });

  it('when the portal has no depth properties, then one info alert says so and no depth table is drawn', () => {
    const { findByTestId, maybeFind } = renderWith(SCORED);
    expect(findByTestId(Alert, 'depth-note').text).toBe(DEPTH_NOT_WRITTEN);
    expect(maybeFind(Table)).toBeNull();
  });

  it('when the company was never scored, then no depth section is drawn at all', () => {
    const { maybeFindByTestId } = renderWith({ name: 'New Co' });
    expect(maybeFindByTestId(Alert, 'depth-note')).toBeNull();
  });
});
