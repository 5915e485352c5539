// The recorded HubSpot fixtures (test/fixtures/hubspot): API requests with their answers, and the
// webhook batch HubSpot sent. The fixtures' portal and API host are the tests' defaults.
import { readFileSync } from 'node:fs';
import type { DataMatcherMap } from 'nock';

export const BASE = 'https://api.hubapi.com';
export const PORTAL = '24681357';

export interface Fixture {
  source: string;
  request: { method: string; path: string; body?: DataMatcherMap };
  response: { status: number; headers?: Record<string, string>; body: Record<string, unknown> };
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/hubspot/${path}`, import.meta.url), 'utf8'));

/** One recorded API call, by its file name in test/fixtures/hubspot/api. */
export function fixture(name: string): Fixture {
  return readJson(`api/${name}.json`) as Fixture;
}

/** The events of the recorded webhook batch (test/fixtures/hubspot/webhooks/webhook-batch.json). */
export function webhookBatch(): Record<string, unknown>[] {
  return (readJson('webhooks/webhook-batch.json') as { request: { body: Record<string, unknown>[] } }).request.body;
}
