// Test harness for the webhook route: a real express server on 127.0.0.1 in front of a real Redis,
// and a client that signs the exact bytes it sends with the SDK's reference implementation.
import { Signature } from '@hubspot/api-client';
import express from 'express';
import type { RedisClient } from '../../../src/store/redis-client.ts';
import type { Queue } from 'bullmq';
import type { Config } from '../../../src/config.ts';
import { createLogger, type Logger } from '../../../src/logger.ts';
import { createFlushQueue, type FlushJobData } from '../../../src/queues.ts';
import type { InstalledCheck } from '../../../webhooks/installed-portals.ts';
import type { UnverifiedBudget } from '../../../webhooks/unverified-budget.ts';
import { createWebhookRouter, type WebhookOutcome } from '../../../webhooks/webhook-route.ts';
import { afterEach, beforeEach } from 'vitest';
import { createProducerRedis, waitForReady } from '../../../webhooks/create-producer-redis.ts';
import { keysMatching } from '../../support/redis-keys.ts';
import { testRedisUrl, useTestRedis } from '../../support/redis.ts';
import { APP_ID, CLIENT_SECRET, PUBLIC_BASE_URL, testConfig } from '../../support/test-config.ts';
import { serve } from '../../support/serve.ts';

export const NOW = 1_795_327_000_000;

export interface Receiver {
  url: string;
  flushQueue: Queue<FlushJobData>;
  close: () => Promise<void>;
}

export async function startReceiver(options: {
  redis: RedisClient; prefix: string; config?: Config; now?: () => number; logger?: Logger;
  /** The flush queue's connection, when it should differ from the marks' one. */
  flushRedis?: RedisClient;
  installed?: InstalledCheck;
  budget?: UnverifiedBudget;
  onOutcome?: (outcome: WebhookOutcome, events: number) => void;
}): Promise<Receiver> {
  const config = options.config ?? testConfig();
  const flushQueue = createFlushQueue(options.flushRedis ?? options.redis, options.prefix);
  const app = express();
  app.use(createWebhookRouter({
    config, redis: options.redis, prefix: options.prefix, flushQueue,
    logger: options.logger ?? createLogger({ level: 'silent' }), now: options.now ?? (() => NOW),
    installed: options.installed, budget: options.budget, onOutcome: options.onOutcome,
  }));
  const server = await serve(app);
  return {
    url: server.url,
    flushQueue,
    close: async () => {
      await server.close();
      await flushQueue.close();
    },
  };
}

export interface ReceiverContext {
  /** The marks' connection, made as the webhook process makes it. */
  producer: RedisClient;
  prefix: string;
  /** A test may close it and start another in its place; the one here is closed after the test. */
  receiver: Receiver;
}

/** Before each test: a test prefix, a producer connection, and the receiver on them, ready; all closed after it. */
export function useReceiver(): ReceiverContext {
  const db = useTestRedis();
  const rx = {} as ReceiverContext;
  beforeEach(async () => {
    rx.prefix = db.prefix;
    rx.producer = createProducerRedis(testRedisUrl());
    await waitForReady(rx.producer);
    rx.receiver = await startReceiver({ redis: rx.producer, prefix: rx.prefix });
    await rx.receiver.flushQueue.waitUntilReady();
  });
  afterEach(async () => {
    await rx.receiver.close();
    rx.producer.disconnect();
  });
  return rx;
}

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  path?: string;
  /** The path+query to sign when it differs from the one requested (HubSpot signs the decoded URI). */
  signedPath?: string;
  headers?: Record<string, string>;
  /** Sign these bytes but send `body` (tampering). */
  signBody?: string;
  unsigned?: boolean;
}

/** Signs with @hubspot/api-client's Signature.getSignature over the decoded URI, then POSTs the same bytes. */
export async function sendSigned(receiver: Pick<Receiver, 'url'>, body: string, options: SendOptions = {}): Promise<Response> {
  const path = options.path ?? '/webhooks/hubspot';
  const timestamp = String(options.timestamp ?? NOW);
  const signature = Signature.getSignature('POST', 'v3', {
    signature: '', // required by the SDK's options type, unused by getSignature
    clientSecret: options.secret ?? CLIENT_SECRET,
    requestBody: options.signBody ?? body,
    url: PUBLIC_BASE_URL + (options.signedPath ?? path),
    timestamp: Number(timestamp),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!options.unsigned) {
    headers['x-hubspot-signature-v3'] = signature;
    headers['x-hubspot-request-timestamp'] = timestamp;
  }
  Object.assign(headers, options.headers);
  return fetch(receiver.url + path, { method: 'POST', headers, body });
}

/** The pending flush jobs (waiting or delayed), by portal. */
export async function pendingFlushes(queue: Queue<FlushJobData>): Promise<Record<string, number>> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
  const byPortal: Record<string, number> = {};
  for (const job of jobs) byPortal[job.data.portalId] = (byPortal[job.data.portalId] ?? 0) + 1;
  return byPortal;
}

/** Every key under the prefix, sorted. */
export async function keysUnder(redis: RedisClient, prefix: string): Promise<string[]> {
  return (await keysMatching(redis, `${prefix}*`)).sort();
}

let nextEventId = 1;

/** A company.propertyChange event as HubSpot sends it. */
export function companyChange(portalId: number, objectId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: nextEventId++, subscriptionId: 2980102, portalId, appId: Number(APP_ID), occurredAt: NOW - 1000,
    subscriptionType: 'company.propertyChange', attemptNumber: 0, objectId,
    propertyName: 'annualrevenue', propertyValue: '52000000', changeSource: 'CRM_UI', sourceId: 'userId:71234567',
    ...extra,
  };
}
