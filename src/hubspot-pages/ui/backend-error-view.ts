// What a page shows when the backend said no: whom to ask when access is refused, when to try again
// when it is busy or still computing, and otherwise the reason and a way to retry.
import { type ReactElement } from 'react';
import { Alert, Button, EmptyState, ErrorState, List, Text } from '@hubspot/ui-extensions';
import { h } from './element.ts';
import type { AccessDenied, Person } from '../api-contract.ts';
import type { BackendError } from './backend-client.ts';

export function personText(person: Person): string {
  const who = person.name ?? person.email ?? `HubSpot user ${person.userId}`;
  return person.name !== null && person.email !== null ? `${who} (${person.email})` : who;
}

const DENIED_TITLE: Record<AccessDenied['reason'], string> = {
  'not-a-viewer': 'You do not have access to the key-account figures',
  'not-an-editor': 'You may see these settings but not change them',
  'would-lock-yourself-out': 'This change would take away your own access',
};

/** Whom to ask, from the backend's 403 answer. */
export function AskWhom({ denied }: { denied: AccessDenied }): ReactElement {
  // Refused to protect the user from themselves: nobody else needs to be asked.
  if (denied.reason === 'would-lock-yourself-out') return h(Alert, { title: DENIED_TITLE[denied.reason], variant: 'warning', testId: 'access-denied' }, denied.error);
  const people = denied.askWhom.map(personText);
  return h(EmptyState, { title: DENIED_TITLE[denied.reason], imageName: 'lock', layout: 'vertical', testId: 'access-denied' },
    h(Text, null, denied.error),
    people.length > 0
      ? h(Text, null, `Ask ${people.length === 1 ? 'this person' : 'one of these people'} to give you access on the app's settings page:`)
      : h(Text, null, 'Ask a super admin of this HubSpot account to give you access on the app\'s settings page.'),
    people.length > 0 ? h(List, { variant: 'unordered', testId: 'ask-whom' }, ...people.map((p) => h(Text, { key: p }, p))) : null,
    denied.superAdminsMay && people.length > 0 ? h(Text, { variant: 'microcopy' }, 'A super admin of this HubSpot account can also give it.') : null);
}

export function BackendErrorView({ error, onRetry }: { error: BackendError; onRetry?: () => void }): ReactElement {
  if (error.kind === 'forbidden' && error.accessDenied) return h(AskWhom, { denied: error.accessDenied });
  const wait = error.body?.retryAfterSeconds;
  const title = {
    unauthorized: 'HubSpot could not vouch for this request',
    forbidden: 'Not allowed',
    'not-installed': 'The app is not installed in this account',
    conflict: 'The settings changed meanwhile',
    invalid: 'The values were refused',
    busy: 'Too many at once',
    'not-ready': 'Not ready yet',
    unavailable: "The app's server did not answer",
    'bad-response': "The app's server answered in an unknown shape",
  }[error.kind];
  return h(ErrorState, { title, type: error.kind === 'forbidden' ? 'lock' : 'error', testId: 'backend-error' },
    h(Text, null, error.message),
    wait === undefined ? null : h(Text, { variant: 'microcopy' }, `Try again in ${Math.max(1, Math.ceil(wait))} s.`),
    onRetry && error.kind !== 'not-installed' ? h(Button, { onClick: onRetry, testId: 'retry' }, 'Try again') : null);
}
