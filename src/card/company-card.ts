// The key-account card on the company record (@hubspot/ui-extensions). It reads the company's own
// kam_* and input properties, turns them into the view model and draws that; the editable property
// list lets a rep fill the inputs that would sharpen the score without leaving the card.
// Written with createElement rather than JSX so the repository's TypeScript setup checks it as is;
// the HubSpot project's .jsx entrypoint only mounts it.
import { createElement as h, type ReactElement } from 'react';
import {
  Alert, Divider, ErrorState, Flex, Heading, LoadingSpinner, ProgressBar, Statistics, StatisticsItem, Table, TableBody, TableCell,
  TableHead, TableHeader, TableRow, Tag, Text,
} from '@hubspot/ui-extensions';
import { CrmPropertyList, useCrmProperties } from '@hubspot/ui-extensions/crm';
import type { CardDepth, CardGroup, CardProductLines, CardRelationship } from './card-depth.ts';
import { CARD_PROPERTY_NAMES, cardViewModel, type CardViewModel } from './card-view-model.ts';

export function CompanyCard(): ReactElement {
  const { properties, isLoading, error } = useCrmProperties([...CARD_PROPERTY_NAMES]);
  if (isLoading) return h(LoadingSpinner, { label: 'Loading the key-account figures', layout: 'centered' });
  if (error) {
    return h(ErrorState, {
      title: 'The key-account figures could not be loaded.',
      type: 'error',
      children: h(Text, { children: 'Reload the record; if it persists, the app may need to be reinstalled.' }),
    });
  }
  return h(CompanyCardView, { model: cardViewModel(properties) });
}

/** The card for a given view model; separate from the data hook so it renders the same in any test. */
export function CompanyCardView({ model }: { model: CardViewModel }): ReactElement {
  return h(Flex, { direction: 'column', gap: 'md' },
    h(Text, { variant: 'microcopy', testId: 'status', children: model.status }),
    model.scored ? h(ScoreSection, { model }) : null,
    model.depth === null ? null : h(Divider, null),
    model.depth === null ? null : h(DepthSection, { depth: model.depth }),
    h(Divider, null),
    h(InputsSection, { model }));
}

function ScoreSection({ model }: { model: CardViewModel }): ReactElement {
  const sow = model.shareOfWallet;
  return h(Flex, { direction: 'column', gap: 'md' },
    h(Flex, { direction: 'row', gap: 'xs', wrap: 'wrap', testId: 'badges' },
      ...model.badges.map((b) => h(Tag, { key: b.property, variant: b.variant, testId: b.property, children: `${b.label}: ${b.text}` })),
      model.isKeyAccount ? h(Tag, { key: 'key', variant: 'success', testId: 'kam_is_key_account', children: 'Key account' }) : null),
    h(ProgressBar, {
      title: 'Share of wallet',
      value: sow.barValue,
      maxValue: 100,
      valueDescription: `${sow.text} (${sow.sourceText})`,
      variant: sow.source === 'entered' ? 'success' : 'warning',
      testId: 'share_of_wallet',
    }),
    h(Statistics, null,
      ...model.figures.map((f) => h(StatisticsItem, { key: f.property, label: f.label, number: f.text, testId: f.property }))),
    model.explanation === null ? null : h(Flex, { direction: 'column', gap: 'xs' },
      h(Heading, { children: 'Why' }),
      h(Text, { testId: 'explanation', children: model.explanation })));
}

function DepthSection({ depth }: { depth: CardDepth }): ReactElement {
  if (!depth.written) return h(Alert, { title: 'Groups, product lines and relationship: not available yet', variant: 'info', testId: 'depth-note', children: depth.note });
  return h(Flex, { direction: 'column', gap: 'md', testId: 'depth' },
    depth.group === null ? null : h(GroupSection, { group: depth.group }),
    depth.relationship === null ? null : h(RelationshipSection, { relationship: depth.relationship }),
    depth.productLines === null ? null : h(ProductLinesSection, { lines: depth.productLines }));
}

function GroupSection({ group }: { group: CardGroup }): ReactElement {
  return h(Flex, { direction: 'column', gap: 'xs' },
    h(Heading, { children: 'Group' }),
    h(Text, { format: { fontWeight: 'demibold' }, testId: 'group-summary', children: group.summary }),
    group.rows.length === 0 ? null : h(SmallTable, {
      testId: 'group-figures',
      headers: [['', 'left'], ['This company', 'right'], ['Group', 'right']],
      rows: group.rows.map((r) => [r.label, r.own, r.group]),
    }),
    h(Text, { variant: 'microcopy', testId: 'group-note', children: group.note }));
}

function RelationshipSection({ relationship }: { relationship: CardRelationship }): ReactElement {
  return h(Flex, { direction: 'column', gap: 'xs' },
    h(Heading, { children: 'Relationship' }),
    h(Text, { testId: 'relationship-stage', children: `Stage: ${relationship.text}` }),
    relationship.play === null
      ? h(Text, { variant: 'microcopy', testId: 'buying-roles', children: relationship.rolesText })
      : h(Alert, { title: 'Buying committee', variant: 'warning', testId: 'buying-roles', children: `${relationship.rolesText} ${relationship.play}` }));
}

function ProductLinesSection({ lines }: { lines: CardProductLines }): ReactElement {
  return h(Flex, { direction: 'column', gap: 'xs' },
    h(Heading, { children: 'Product lines' }),
    lines.totalText === null ? null : h(Text, { testId: 'whitespace-total', children: `Whitespace: ${lines.totalText} a year` }),
    lines.lines.length === 0 ? null : h(SmallTable, {
      testId: 'product-lines',
      headers: [['Product line', 'left'], ['Bought from us', 'left'], ['Whitespace', 'right']],
      rows: lines.lines.map((l) => [l.line, l.bought ? 'Yes' : 'No', l.whitespaceText]),
    }),
    lines.note === null ? null : h(Text, { variant: 'microcopy', testId: 'product-lines-note', children: lines.note }));
}

/** A condensed table of texts; the first cell of a row is its key. */
function SmallTable({ testId, headers, rows }: { testId: string; headers: [string, 'left' | 'right'][]; rows: string[][] }): ReactElement {
  return h(Table, {
    bordered: true,
    density: 'condensed',
    testId,
    children: [
      h(TableHead, { key: 'head', children: h(TableRow, { children: headers.map(([title, align]) => h(TableHeader, { key: title, align, children: title })) }) }),
      h(TableBody, {
        key: 'body',
        children: rows.map((row) => h(TableRow, { key: row[0], children: row.map((cell, i) => h(TableCell, { key: i, align: headers[i]?.[1] ?? 'left', children: cell })) })),
      }),
    ],
  });
}

function InputsSection({ model }: { model: CardViewModel }): ReactElement {
  return h(Flex, { direction: 'column', gap: 'sm' },
    h(Heading, { children: 'Inputs' }),
    model.hint === null
      ? h(Text, { testId: 'hint', children: 'Every input is filled: the score uses all it can.' })
      : h(Alert, { title: 'Sharpen the score', variant: 'tip', testId: 'hint', children: model.hint }),
    // Missing inputs first, so the ones that matter are the ones in view.
    h(CrmPropertyList, {
      properties: [...model.missingInputs, ...model.inputs.filter((i) => !model.missingInputs.includes(i))].map((i) => i.property),
      direction: 'row',
      testId: 'inputs',
    }));
}
