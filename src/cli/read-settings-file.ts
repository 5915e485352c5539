// The --settings file: JSON validated by the model's schema, every problem reported at once.
import { DEFAULT_SETTINGS, parseSettings, type SettingsResult } from '../model/settings.ts';

export async function readSettingsFile(path: string | undefined, readText: (path: string) => Promise<string>): Promise<SettingsResult> {
  if (path === undefined) return { ok: true, settings: DEFAULT_SETTINGS };
  let text: string;
  try {
    text = await readText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, problems: [`${path} is not valid JSON: ${(err as Error).message}`] };
  }
  return parseSettings(json);
}
