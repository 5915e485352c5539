// HubSpot computes a deal's closed/won flags and stage probability from its stage in the default
// pipeline; the sandbox does the same whenever `dealstage` is written, so a deal moved to
// `closedwon` reads back as won. Seeded deals come with the flags instead, so the stage is derived
// from them (closedwon, closedlost, or the open stage nearest their probability).

const PROBABILITY: Record<string, string> = {
  appointmentscheduled: '0.2',
  qualifiedtobuy: '0.4',
  presentationscheduled: '0.6',
  decisionmakerboughtin: '0.8',
  contractsent: '0.9',
  closedwon: '1',
  closedlost: '0',
};

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
  let best = 'appointmentscheduled';
  for (const [stage, value] of Object.entries(PROBABILITY)) {
    if (stage.startsWith('closed')) continue;
    if (Math.abs(Number(value) - p) < Math.abs(Number(PROBABILITY[best]) - p)) best = stage;
  }
  return best;
}
