// The only place that constructs @hubspot/api-client's Client. Its retry and Bottleneck decorators
// are a process-wide singleton that every `new Client()` overwrites, so every client gets the same
// options: SDK retries off (we retry with knowledge of 429 policies, BullMQ retries jobs) and no SDK
// limiter (ours lives in Redis, per portal).
import { Client } from '@hubspot/api-client';
import type { Config } from '../config.ts';

export type SdkClient = Client;

export function createSdkClient(config: Pick<Config, 'HUBSPOT_API_BASE'>, accessToken?: string): SdkClient {
  return new Client({
    basePath: config.HUBSPOT_API_BASE.replace(/\/+$/, ''),
    numberOfApiCallRetries: 0,
    ...(accessToken ? { accessToken } : {}),
  });
}
