// Who may see the portfolio (which shows every company's revenue and profit) and who may change the
// settings: users and teams of the portal, and its super admins. Picked from the portal's directory
// where the optional scopes allow reading it, else entered as HubSpot user and team ids.
import type { ReactElement } from 'react';
import { Alert, Flex, Heading, Input, Link, MultiSelect, Text, Toggle } from '@hubspot/ui-extensions';
import type { Access, OptionalFeature, SettingsResponse } from '../api-contract.ts';
import { personText } from './backend-error-view.ts';
import { h } from './element.ts';

type Role = 'viewers' | 'editors';

const ROLE_TEXT: Record<Role, { title: string; meaning: string }> = {
  viewers: { title: 'Who may see the portfolio', meaning: "The app home page shows every company's revenue and profit, which HubSpot itself may hide from some users." },
  editors: { title: 'Who may change these settings', meaning: 'They may also see the portfolio.' },
};

const ids = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];

/** Names of the optional features the server reports; one it adds later is shown under its id. */
const FEATURE_TEXT: Readonly<Record<string, string>> = {
  'super-admins': 'Super admins of the portal',
  teams: 'Teams',
  'user-directory': 'Picking users by name',
};

const URL_IN_TEXT = /(https?:\/\/[^\s;,)]+)/;

/** A reason as text with its URLs as links: the server names the re-consent address inside the reason. */
export function textWithLinks(text: string): (string | ReactElement)[] {
  return text.split(URL_IN_TEXT).filter(Boolean).map((part, i) => (URL_IN_TEXT.test(part)
    ? h(Link, { key: `link-${i}`, href: { url: part, external: true } }, part)
    : part));
}

/** An optional feature that is off: why, with the link that grants its scopes as a link. */
export function FeatureNotice({ feature }: { feature: OptionalFeature }): ReactElement {
  return h(Alert, { title: `${FEATURE_TEXT[feature.feature] ?? feature.feature}: off`, variant: 'info', testId: `feature-${feature.feature}` },
    ...textWithLinks(feature.reason ?? 'Not available in this account.'));
}

export interface AccessEditorProps {
  settings: SettingsResponse;
  access: Access;
  readOnly: boolean;
  onChange: (access: Access) => void;
}

export function AccessEditor({ settings, access, readOnly, onChange }: AccessEditorProps): ReactElement {
  const { directory, installer } = settings;
  const superAdminsFeature = settings.optionalFeatures.find((f) => f.feature === 'super-admins');
  const set = (role: Role, part: 'users' | 'teams', values: string[]): void => onChange({ ...access, [role]: { ...access[role], [part]: values } });
  const roleBlock = (role: Role): ReactElement => h(Flex, { key: role, direction: 'column', gap: 'xs', testId: `access-${role}` },
    h(Heading, null, ROLE_TEXT[role].title),
    h(Text, { variant: 'microcopy' }, ROLE_TEXT[role].meaning),
    directory
      ? h(MultiSelect, {
        name: `${role}.users`, label: 'Users', readOnly, value: access[role].users,
        options: directory.users.map((u) => ({ label: `${personText(u)}${u.superAdmin ? ' · super admin' : ''}`, value: u.userId })),
        onChange: (values) => set(role, 'users', values.map(String)),
      })
      : h(Input, {
        name: `${role}.users`, label: 'HubSpot user ids', readOnly, value: access[role].users.join(', '),
        description: 'Separated by commas (Settings › Users & Teams shows a user\'s id).',
        onChange: (text: string) => set(role, 'users', ids(text)),
      }),
    directory
      ? h(MultiSelect, {
        name: `${role}.teams`, label: 'Teams', readOnly, value: access[role].teams,
        options: directory.teams.map((t) => ({ label: t.name, value: t.teamId })),
        onChange: (values) => set(role, 'teams', values.map(String)),
      })
      : h(Input, {
        name: `${role}.teams`, label: 'HubSpot team ids', readOnly, value: access[role].teams.join(', '),
        onChange: (text: string) => set(role, 'teams', ids(text)),
      }));
  return h(Flex, { direction: 'column', gap: 'md', testId: 'access' },
    h(Toggle, {
      name: 'installer', label: `${installer ? personText(installer) : 'The user who installed the app'} (installed the app) may see and change`,
      checked: access.installer, readOnly, onChange: (on: boolean) => onChange({ ...access, installer: on }), testId: 'access-installer',
    }),
    roleBlock('viewers'),
    roleBlock('editors'),
    h(Toggle, {
      name: 'superAdmins', label: 'Super admins of this HubSpot account may also see and change', checked: access.superAdmins,
      readOnly: readOnly || superAdminsFeature?.available === false, onChange: (on: boolean) => onChange({ ...access, superAdmins: on }), testId: 'access-super-admins',
    }));
}
