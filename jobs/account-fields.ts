// The opt-in write of HubSpot's own account fields for one batch (settings.hubspotAccountFields):
// what each company's update adds, and, once HubSpot accepted the batch, what we wrote, kept as the
// reference that tells a value set by hand from ours. Off: nothing is read, added or kept.
import { accountFieldWrites, desiredAccountFields, type AccountFigures, type ModelSettings, type RecordInput, type AccountFieldValues } from '../src/model/index.ts';
import { readAccountFieldsWritten, saveAccountFieldsWritten } from '../src/store/account-fields-written.ts';
import type { PortalDeps } from './portal-deps.ts';

export interface AccountFieldsPlan {
  /** The account-field values to add to this company's update (empty when nothing changes). */
  propertiesFor(companyId: string): Record<string, string>;
  /** Keeps what was written for the companies HubSpot accepted. */
  commit(writtenIds: readonly string[]): Promise<void>;
}

const OFF: AccountFieldsPlan = { propertiesFor: () => ({}), commit: async () => undefined };

export async function planAccountFields(
  deps: Pick<PortalDeps, 'redis' | 'prefix' | 'portalId' | 'logger'>, settings: ModelSettings,
  batch: readonly { record: RecordInput; figures: AccountFigures }[],
): Promise<AccountFieldsPlan> {
  const { write, overwriteByHand } = settings.hubspotAccountFields;
  if (!write) return OFF;
  const before = await readAccountFieldsWritten(deps.redis, deps.prefix, deps.portalId, batch.map((b) => b.record.id));
  const properties = new Map<string, Record<string, string>>();
  const written = new Map<string, Partial<AccountFieldValues>>();
  let keptByHand = 0;
  for (const { record, figures } of batch) {
    const decision = accountFieldWrites(desiredAccountFields(figures), record.properties, before.get(record.id) ?? {}, overwriteByHand);
    keptByHand += decision.keptByHand.length;
    if (Object.keys(decision.properties).length === 0) continue;
    properties.set(record.id, decision.properties as Record<string, string>);
    written.set(record.id, decision.written);
  }
  if (keptByHand > 0) deps.logger.debug({ keptByHand }, 'hubspot account fields set by hand were left as they are');
  return {
    propertiesFor: (id) => properties.get(id) ?? {},
    commit: async (ids) => {
      const accepted = new Map(ids.flatMap((id) => (written.has(id) ? [[id, written.get(id)!] as const] : [])));
      await saveAccountFieldsWritten(deps.redis, deps.prefix, deps.portalId, accepted);
    },
  };
}
