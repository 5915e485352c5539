// Each portal's model settings and model version. A change is validated whole (every problem
// named, nothing saved on error) and bumps the version, which the jobs write as kam_model_version.
import { portalKeys } from './portal-keys.ts';
import type { RedisClient } from './redis-client.ts';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../model/index.ts';

export interface StoredSettings {
  settings: Settings;
  version: number;
}

export type SaveResult = { ok: true; stored: StoredSettings } | { ok: false; problems: string[] };

export class SettingsStore {
  constructor(private readonly redis: RedisClient, private readonly prefix: string) {}

  private key(portalId: string): string {
    return portalKeys(this.prefix, portalId).settings;
  }

  async get(portalId: string): Promise<StoredSettings> {
    const [json, version] = await this.redis.hmget(this.key(portalId), 'json', 'version');
    if (!json) return { settings: DEFAULT_SETTINGS, version: Number(version ?? 1) };
    // Settings were valid when saved; re-parse so new defaults apply after an upgrade.
    const parsed = parseSettings(JSON.parse(json));
    return { settings: parsed.ok ? parsed.settings : DEFAULT_SETTINGS, version: Number(version ?? 1) };
  }

  /** Validates and saves; the version goes up by one on every saved change. */
  async save(portalId: string, input: unknown): Promise<SaveResult> {
    const parsed = parseSettings(input);
    if (!parsed.ok) return parsed;
    const key = this.key(portalId);
    const [, , versionResult] = (await this.redis
      .multi()
      .hsetnx(key, 'version', '1')
      .hset(key, 'json', JSON.stringify(parsed.settings))
      .hincrby(key, 'version', 1)
      .exec()) ?? [];
    return { ok: true, stored: { settings: parsed.settings, version: Number(versionResult?.[1] ?? 1) } };
  }

  async remove(portalId: string): Promise<void> {
    await this.redis.del(this.key(portalId));
  }
}
