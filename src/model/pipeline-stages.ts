// The probability of a deal stage, for deals whose hs_deal_stage_probability is missing or invalid
// (scoring-model.md §11): a portal's own pipelines (read once per pass), or, for files without
// them, HubSpot's default sales pipeline by stage id or label.

/** Stage probabilities (0–1) by stage key (stageKey of the stage id, and of the label where given). */
export type PipelineStages = ReadonlyMap<string, number>;

export interface PipelineStageInput {
  id: string;
  label?: string | null;
  /** 0–1, as HubSpot's pipeline API writes it in metadata.probability. */
  probability: number | string | null | undefined;
}

/** "Qualified To Buy", "qualifiedtobuy" and "qualified_to_buy" are one key. */
export function stageKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The table for these stages. Labels are keys only when `byLabel` (files, which show labels);
 * a portal's stages are looked up by id, because two pipelines may reuse a label.
 */
export function pipelineStages(stages: Iterable<PipelineStageInput>, byLabel: boolean): PipelineStages {
  const table = new Map<string, number>();
  for (const s of stages) {
    const p = typeof s.probability === 'number' ? s.probability : typeof s.probability === 'string' && s.probability.trim() !== '' ? Number(s.probability) : NaN;
    if (!(p >= 0 && p <= 1)) continue;
    if (s.id) table.set(stageKey(s.id), p);
    if (byLabel && s.label && !table.has(stageKey(s.label))) table.set(stageKey(s.label), p);
  }
  return table;
}

/** HubSpot's default sales pipeline (hubspot.md). */
export const DEFAULT_PIPELINE_STAGES: PipelineStages = pipelineStages(
  [
    { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: 0.2 },
    { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: 0.4 },
    { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: 0.6 },
    { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: 0.8 },
    { id: 'contractsent', label: 'Contract Sent', probability: 0.9 },
    { id: 'closedwon', label: 'Closed Won', probability: 1 },
    { id: 'closedlost', label: 'Closed Lost', probability: 0 },
  ],
  true,
);

/** The stage's probability, or undefined when the stage is missing or not in the table. */
export function stageProbability(stage: unknown, stages: PipelineStages): number | undefined {
  if (typeof stage !== 'string' || stage === '') return undefined;
  return stages.get(stage) ?? stages.get(stageKey(stage));
}
