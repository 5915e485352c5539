// Which tasks a transition calls for (scoring-model.md §6): compares the last written score with
// the new one. Creating them, once per company and play, is the jobs' business.
import { joinOr } from './format.ts';
import { addDays, DAY_MS } from './dates.ts';
import type { ModelSettings as Settings } from './settings.ts';
import type { AccountFigures, Action, Category, Quadrant } from './types.ts';

const ROLE_WORDS: Record<string, string> = { DECISION_MAKER: 'decision maker', CHAMPION: 'champion', EXECUTIVE_SPONSOR: 'executive sponsor' };

export const PLAY_KINDS = ['account_plan', 'assign_manager', 'quarterly_review', 'lost_review', 'removal_review', 'key_development_plan', 'buying_committee'] as const;
export type PlayKind = (typeof PLAY_KINDS)[number];

/** The last score written to HubSpot; null when the company was never scored. */
export interface PreviousScore {
  category: Category | null;
  action: Action | null;
  quadrant: Quadrant | null;
  /** Whether it was written as a key account, and the buying roles it was written as missing (§10). */
  isKeyAccount?: boolean;
  missingRoles?: readonly string[] | null;
  /**
   * Written by an earlier generation of the model (before account groups, §8, and the 'auto'
   * profit target, §11): the first pass of this one changes many key lists at once, so it fires no
   * transition plays; reps get no wave of tasks from a model change.
   */
  fromEarlierModel?: boolean;
}

export type TaskPriority = 'HIGH' | 'MEDIUM' | 'LOW';

/** A task for a rep on a company: what a play asks, in the shape the CRM creates it. */
export interface Task {
  companyId: string;
  ownerId: string | null;
  subject: string;
  body: string;
  dueAt: Date;
  priority: TaskPriority;
}

/** A task the model calls for, and which play it is (at most one open task per company and play). */
export interface Play extends Task {
  kind: PlayKind;
}

export interface PlayHistory {
  /** When each play was last created for this company. */
  lastCreatedAt: Partial<Record<PlayKind, Date>>;
}

/**
 * On a company's first score (previous null) only becoming key is news: a lost, removable or
 * key-development account found at install is a state, not a change, and would flood the reps.
 * A member of a `central` group gets no plays of its own: the group's are created once, on its top
 * company, for the top's owner (§8).
 */
export function playsFor(previous: PreviousScore | null, next: AccountFigures, settings: Settings, asOf: Date, history: PlayHistory = { lastCreatedAt: {} }): Play[] {
  const p = settings.plays;
  const name = next.name ?? `company ${next.companyId}`;
  const plays: Play[] = [];
  const add = (kind: PlayKind, subject: string, dueDays: number, priority: TaskPriority): void => {
    plays.push({ kind, companyId: next.companyId, ownerId: next.ownerId, subject, body: next.explanation, dueAt: new Date(addDays(asOf.getTime(), dueDays)), priority });
  };
  if (next.group !== null && next.group.purchasing === 'central' && next.group.groupId !== next.companyId) return plays;
  if (previous?.fromEarlierModel) {
    // The upgrade pass: only the review that is due anyway.
    if (next.category === 'key' && p.quarterlyReview.enabled && reviewDue(history, p.quarterlyReview.everyDays, asOf)) {
      add('quarterly_review', `Quarterly account review: ${name}`, p.quarterlyReview.dueDays, 'MEDIUM');
    }
    return plays;
  }
  const becameKey = next.category === 'key' && previous?.category !== 'key';
  const gap = next.isKeyAccount ? (next.relationship.missingRoles ?? []) : [];
  const hadGap = previous?.isKeyAccount === true && (previous.missingRoles?.length ?? 0) > 0;
  if (gap.length > 0 && !hadGap && p.buyingCommittee.enabled) {
    add('buying_committee', `Map the buying committee of ${name}: no ${joinOr(gap.map((r) => ROLE_WORDS[r] ?? r))}`, p.buyingCommittee.dueDays, 'MEDIUM');
  }

  if (becameKey && p.accountPlan.enabled) add('account_plan', `Write the account plan for ${name}`, p.accountPlan.dueDays, 'HIGH');
  if (becameKey && !next.ownerId && p.assignManager.enabled) add('assign_manager', `Assign a key account manager to ${name}`, p.assignManager.dueDays, 'HIGH');
  if (next.category === 'key' && !becameKey && p.quarterlyReview.enabled && reviewDue(history, p.quarterlyReview.everyDays, asOf)) {
    add('quarterly_review', `Quarterly account review: ${name}`, p.quarterlyReview.dueDays, 'MEDIUM');
  }
  if (previous === null) return plays;
  if (next.category === 'lost' && previous.category !== 'lost' && p.lostReview.enabled) add('lost_review', `Find out why ${name} was lost`, p.lostReview.dueDays, 'HIGH');
  if (next.action === 'remove' && previous.action !== 'remove' && p.removalReview.enabled) add('removal_review', `Review removing ${name} from the key accounts`, p.removalReview.dueDays, 'MEDIUM');
  if (next.quadrant === 'key_development' && previous.quadrant !== 'key_development' && p.keyDevelopmentPlan.enabled) {
    add('key_development_plan', `Plan how to remove the barriers to growing ${name}`, p.keyDevelopmentPlan.dueDays, 'MEDIUM');
  }
  return plays;
}

/** A review is due when neither a review nor an account plan was created within `everyDays`. */
function reviewDue(history: PlayHistory, everyDays: number, asOf: Date): boolean {
  const last = [history.lastCreatedAt.quarterly_review, history.lastCreatedAt.account_plan]
    .filter((d): d is Date => d instanceof Date)
    .reduce((max, d) => Math.max(max, d.getTime()), -Infinity);
  return asOf.getTime() - last >= everyDays * DAY_MS;
}
