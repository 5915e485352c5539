// Values HubSpot computes itself. A deal's closed/won flags and stage probability follow its stage
// in the default pipeline whenever `dealstage` is written, so a deal moved to `closedwon` reads back
// as won; seeded deals come with the flags instead, so their stage is derived from them (closedwon,
// closedlost, or the open stage nearest their probability). A task gets its status, completion
// flag and source on creation, and its completion date when it is completed.
import { SandboxError, type ChangeSource, type ObjectType, type StoredRecord } from './sandbox-types.ts';

const PROBABILITY: Record<string, string> = {
  appointmentscheduled: '0.2',
  qualifiedtobuy: '0.4',
  presentationscheduled: '0.6',
  decisionmakerboughtin: '0.8',
  contractsent: '0.9',
  closedwon: '1',
  closedlost: '0',
};

const OPEN_STAGES: Array<[stage: string, probability: number]> = Object.entries(PROBABILITY)
  .filter(([stage]) => !stage.startsWith('closed'))
  .map(([stage, p]) => [stage, Number(p)]);

/** The calculated deal properties that follow from a stage (empty for a stage we do not know). */
export function stageFlags(stage: string): Record<string, string> {
  const probability = PROBABILITY[stage];
  if (probability === undefined) return {};
  const won = stage === 'closedwon';
  const lost = stage === 'closedlost';
  return {
    hs_is_closed_won: String(won),
    hs_is_closed_lost: String(lost),
    hs_is_closed: String(won || lost),
    hs_deal_stage_probability: probability,
  };
}

/** A stage consistent with seeded flags, or undefined when they say nothing. */
export function stageFromFlags(props: Record<string, string | null | undefined>): string | undefined {
  if (props.hs_is_closed_won === 'true') return 'closedwon';
  if (props.hs_is_closed === 'true') return 'closedlost';
  const p = Number(props.hs_deal_stage_probability);
  if (props.hs_is_closed !== 'false' || !Number.isFinite(p)) return undefined;
  let best = OPEN_STAGES[0] as [string, number];
  for (const s of OPEN_STAGES) if (Math.abs(s[1] - p) < Math.abs(best[1] - p)) best = s;
  return best[0];
}

/** Properties HubSpot sets itself on creation. */
export function calculatedOnCreate(type: ObjectType, values: Record<string, string>, at: string, source: ChangeSource): Record<string, string> {
  if (type === 'deals' && values.dealstage) return stageFlags(values.dealstage);
  if (type !== 'tasks') return {};
  if (!values.hs_timestamp) throw new SandboxError(400, 'VALIDATION_ERROR', 'Property values were not valid: hs_timestamp is required to create a task');
  const done = values.hs_task_status === 'COMPLETED';
  return {
    hs_task_status: 'NOT_STARTED',
    hs_task_is_completed: done ? '1' : '0',
    ...(done ? { hs_task_completion_date: at } : {}),
    hs_object_source: source.changeSource,
    hs_object_source_label: source.changeSource,
    ...(source.sourceId ? { hs_object_source_id: source.sourceId.replace(/^userId:/, '') } : {}),
  };
}

/** Calculated values that follow an update (deal stage → flags, task status → completion). */
export function calculatedOnUpdate(type: ObjectType, values: Record<string, string>, record: StoredRecord, now: number): Record<string, string> {
  if (type === 'deals' && values.dealstage) return stageFlags(values.dealstage);
  if (type === 'tasks' && values.hs_task_status && values.hs_task_status !== record.properties.hs_task_status) {
    const done = values.hs_task_status === 'COMPLETED';
    return { hs_task_is_completed: done ? '1' : '0', hs_task_completion_date: done ? new Date(now).toISOString() : '' };
  }
  return {};
}
