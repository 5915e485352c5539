// Seeds a portal's settings in a test as the operator would: read the version, then replace the
// settings based on it. Throws when the settings are invalid, so a typo in a test fails loudly.
import type { SettingsStore } from '../../src/store/settings-store.ts';
import { OPERATOR } from '../../src/store/settings-history.ts';

export async function saveSettings(store: SettingsStore, portalId: string, settings: unknown): Promise<number> {
  const { version } = await store.get(portalId);
  const result = await store.write(portalId, { kind: 'replace', baseVersion: version, by: OPERATOR, settings });
  if (!result.ok) throw new Error(`settings not saved: ${JSON.stringify(result)}`);
  return result.stored.version;
}
