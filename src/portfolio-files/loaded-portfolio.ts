// What every reader returns: the companies in HubSpot's API shape plus what reading them found
// wrong, so that nothing is dropped or repaired silently.
import type { PipelineStages } from '../model/pipeline-stages.ts';
import type { CompanyInput } from '../model/types.ts';

export interface LoadedPortfolio {
  /** The file's own asOf (YYYY-MM-DD), when it has one. */
  asOf: string | null;
  companies: CompanyInput[];
  /** Problems found while reading, per company id; they join the model's notes for that company. */
  rowNotes: Map<string, string[]>;
  /** Problems that belong to no company, e.g. deals whose company is not in the file. */
  fileNotes: string[];
  /** The file's own pipeline stages (their probabilities), when it has them; else HubSpot's default pipeline is used. */
  stages?: PipelineStages;
  /** The file's currency code, when it names one. */
  currency?: string | null;
}

export function addRowNote(notes: Map<string, string[]>, companyId: string, note: string): void {
  const list = notes.get(companyId);
  if (list) list.push(note);
  else notes.set(companyId, [note]);
}

/**
 * Ids must be unique for ranks and associations to mean anything; a repeated id keeps its row
 * (it is still scored) under a suffixed id, and says so.
 */
export function uniqueCompanyId(seen: Set<string>, id: string, where: string, notes: Map<string, string[]>): string {
  if (!seen.has(id)) {
    seen.add(id);
    return id;
  }
  let n = 2;
  while (seen.has(`${id}~${n}`)) n++;
  const renamed = `${id}~${n}`;
  seen.add(renamed);
  addRowNote(notes, renamed, `duplicate company id ${id} (${where}); scored separately as ${renamed}`);
  return renamed;
}
