// Settings sent over HTTP: the model's own schema decides, and every problem comes back with its
// path, both as the `path: message` lines `kam settings validate` prints and as structured issues.
import { SettingsSchema, type Settings } from '../model/settings.ts';

export interface SettingsIssue {
  path: string;
  message: string;
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; problems: string[]; issues: SettingsIssue[] };

export function checkSettings(body: unknown): SettingsCheck {
  // An empty or non-object body would parse as "all defaults": refuse it rather than reset a portal.
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const issue = { path: '(body)', message: 'send the settings as a JSON object' };
    return { ok: false, problems: [`${issue.path}: ${issue.message}`], issues: [issue] };
  }
  const parsed = SettingsSchema.safeParse(body);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : '(settings)', message: i.message }));
  return { ok: false, problems: issues.map((i) => `${i.path}: ${i.message}`), issues };
}
