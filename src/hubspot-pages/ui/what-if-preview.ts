// What a settings change would do before it is saved: how many companies change quadrant, category
// or key-list place, the counts and the capacity line before and after, and who moves.
import type { ReactElement } from 'react';
import { Flex, Heading, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { Mover, Scenario, WhatIfResponse } from '../api-contract.ts';
import { CATEGORIES, QUADRANTS } from '../../model/types.ts';
import { CompanyLink } from './account-table.ts';
import { h } from './element.ts';
import { countText, label } from './labels.ts';

function thresholdText(s: Scenario): string {
  return `attractiveness ${s.thresholds.attractiveness.toFixed(1)}, strength ${s.thresholds.strength.toFixed(1)}`;
}

function targetText(s: Scenario, money: (n: number) => string): string {
  const value = s.profitTarget.value === null ? 'not computed yet' : money(s.profitTarget.value);
  return s.profitTarget.setting === 'auto' ? `${value} (automatic)` : value;
}

function moveText<T extends string>(move: { from: T; to: T }, name: (v: T) => string): string {
  return move.from === move.to ? name(move.to) : `${name(move.from)} → ${name(move.to)}`;
}

const keyText = (k: { from: boolean; to: boolean }): string => (k.from === k.to ? (k.to ? 'Key account' : '—') : k.to ? 'Joins' : 'Leaves');

function MoverTable({ movers }: { movers: readonly Mover[] }): ReactElement {
  return h(Table, { bordered: true, density: 'condensed', testId: 'movers' },
    h(TableHead, null, h(TableRow, null, h(TableHeader, null, 'Company'), h(TableHeader, null, 'Quadrant'), h(TableHeader, null, 'Category'), h(TableHeader, null, 'Key list'))),
    h(TableBody, null, ...movers.map((m) => h(TableRow, { key: m.companyId },
      h(TableCell, null, h(CompanyLink, { company: m })),
      h(TableCell, null, moveText(m.quadrant, (q) => label('quadrant', q))),
      h(TableCell, null, moveText(m.category, (c) => label('category', c))),
      h(TableCell, null, keyText(m.keyAccount))))));
}

export function WhatIfPreview({ result, money }: { result: WhatIfResponse; money: (n: number) => string }): ReactElement {
  const { current, proposed } = result;
  const nothing = result.moversTotal === 0;
  return h(Flex, { direction: 'column', gap: 'sm', testId: 'what-if' },
    h(Heading, null, 'If you save these settings'),
    h(Statistics, null,
      h(StatisticsItem, { label: 'Change quadrant', number: result.quadrantMoves.moved, testId: 'moved-quadrant' }),
      h(StatisticsItem, { label: 'Change category', number: result.categoryMoves.moved, testId: 'moved-category' }),
      h(StatisticsItem, { label: 'Join the key list', number: result.keyList.joining, testId: 'joining' }),
      h(StatisticsItem, { label: 'Leave the key list', number: result.keyList.leaving, testId: 'leaving' })),
    h(Table, { bordered: true, density: 'condensed', testId: 'scenarios' },
      h(TableHead, null, h(TableRow, null, h(TableHeader, null, ''), h(TableHeader, null, 'Now'), h(TableHeader, null, 'With the changes'))),
      h(TableBody, null,
        ...QUADRANTS.map((q) => h(TableRow, { key: q }, h(TableCell, null, `Quadrant ${label('quadrant', q)}`), h(TableCell, null, String(current.quadrants[q] ?? 0)), h(TableCell, null, String(proposed.quadrants[q] ?? 0)))),
        ...CATEGORIES.map((c) => h(TableRow, { key: c }, h(TableCell, null, `Category ${label('category', c)}`), h(TableCell, null, String(current.categories[c] ?? 0)), h(TableCell, null, String(proposed.categories[c] ?? 0)))),
        h(TableRow, { key: 'capacity' }, h(TableCell, null, 'Key list'), h(TableCell, null, current.capacity.line), h(TableCell, null, proposed.capacity.line)),
        h(TableRow, { key: 'thresholds' }, h(TableCell, null, 'High from'), h(TableCell, null, thresholdText(current)), h(TableCell, null, thresholdText(proposed))),
        h(TableRow, { key: 'target' }, h(TableCell, null, 'Profit target'), h(TableCell, null, targetText(current, money)), h(TableCell, null, targetText(proposed, money))))),
    nothing
      ? h(Text, { testId: 'no-movers' }, `No company of the ${countText(result.companies, 'company', 'companies')} would change quadrant, category or key-list place.`)
      : h(Flex, { direction: 'column', gap: 'xs' },
        h(Text, { testId: 'movers-note' }, result.movers.length < result.moversTotal
          ? `The first ${result.movers.length} of ${countText(result.moversTotal, 'company', 'companies')} that would move, by their new rank:`
          : `${countText(result.moversTotal, 'company', 'companies')} would move:`),
        h(MoverTable, { movers: result.movers })));
}
