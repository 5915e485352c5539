// The full pass a settings change queues: its state and how far it got, as the server reports it.
import type { ReactElement } from 'react';
import { Alert, ProgressBar } from '@hubspot/ui-extensions';
import type { PassProgress } from '../api-contract.ts';
import { money } from '../../model/format.ts';
import { h } from './element.ts';

export const passRunning = (pass: PassProgress | null): boolean => pass !== null && ['waiting', 'active', 'delayed'].includes(pass.state);

export function passText(pass: PassProgress): string {
  const version = pass.settingsVersion === null ? '' : ` with settings version ${pass.settingsVersion}`;
  switch (pass.state) {
    case 'waiting':
    case 'delayed':
      return `A full pass${version} is queued.`;
    case 'active': {
      const companies = pass.companies === null ? '' : ` ${money(pass.companies)} companies`;
      if (pass.phase === 'writing' && pass.written !== null && pass.companies !== null) return `Writing the figures to HubSpot: ${money(pass.written)} of${companies}.`;
      return `Scoring${companies}${version}.`;
    }
    case 'completed':
      return `The portfolio was re-scored${version}${pass.companies === null ? '' : `: ${money(pass.companies)} companies`}.`;
    case 'failed':
      return `The pass${version} failed after its retries; it is kept where the app's operator can see and replay it.`;
    default:
      return 'The state of the pass is unknown (it may have finished long ago).';
  }
}

export function PassProgressView({ pass }: { pass: PassProgress }): ReactElement {
  if (pass.state === 'failed') return h(Alert, { title: 'The re-scoring failed', variant: 'error', testId: 'pass' }, passText(pass));
  if (pass.state === 'completed' || pass.state === 'unknown') return h(Alert, { title: 'Re-scoring', variant: pass.state === 'completed' ? 'success' : 'info', testId: 'pass' }, passText(pass));
  const total = pass.companies ?? 0;
  const done = pass.phase === 'writing' ? (pass.written ?? 0) : 0;
  return h(ProgressBar, {
    title: 'Re-scoring the portfolio', value: done, maxValue: Math.max(1, total), valueDescription: passText(pass), testId: 'pass',
  });
}
