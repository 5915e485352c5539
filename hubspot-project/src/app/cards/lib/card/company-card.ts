// The key-account card on the company record (@hubspot/ui-extensions). It reads the company's own
// kam_* and input properties, turns them into the view model and draws that; the editable property
// list lets a rep fill the inputs that would sharpen the score without leaving the card.
// Written with createElement rather than JSX so the repository's TypeScript setup checks it as is;
// the HubSpot project's .jsx entrypoint only mounts it.
import { createElement as h, type ReactElement } from 'react';
import {
  Alert, Divider, ErrorState, Flex, Heading, LoadingSpinner, ProgressBar, Statistics, StatisticsItem, Tag, Text,
} from '@hubspot/ui-extensions';
import { CrmPropertyList, useCrmProperties } from '@hubspot/ui-extensions/crm';
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
