// HubSpot's error body ({status: "error", message, correlationId, category, context?}) with the
// correlation id also in a header, JSON content type always set (the SDK cannot parse a body
// without it), and the request-level checks every route shares: parsing a body with a zod schema
// and HubSpot's batch size limits.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { z } from 'zod';
import { SandboxError } from './sandbox-types.ts';

export const JSON_TYPE = 'application/json;charset=utf-8';

export function sendJson(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.status(status).set({ 'content-type': JSON_TYPE, ...headers }).send(JSON.stringify(body));
}

export function errorBody(category: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export function sendError(res: Response, status: number, category: string, message: string, extra: Record<string, unknown> = {}): void {
  const body = errorBody(category, message, extra);
  sendJson(res, status, body, { 'x-hubspot-correlation-id': String(body.correlationId) });
}

/** Turns anything a route threw into HubSpot's answer (a SandboxError keeps its status and category). */
export function sendFailure(res: Response, err: unknown): void {
  if (err instanceof SandboxError) {
    sendError(res, err.status, err.category, err.message, { ...(err.context ? { context: err.context } : {}), ...err.extra });
  } else {
    sendError(res, 500, 'INTERNAL_ERROR', 'internal error');
  }
}

/** Parses a request body; a shape HubSpot would not accept is its 400 "Invalid input JSON". */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new SandboxError(400, 'VALIDATION_ERROR', `Invalid input JSON${where}: ${issue?.message ?? 'unexpected shape'}`);
}

/** HubSpot refuses a whole batch over its limit (a 101-input batch is a 400). */
export function checkBatchSize(count: number, limit: number): void {
  if (count > limit) {
    throw new SandboxError(400, 'VALIDATION_ERROR', `Batch input size ${count} exceeds the limit of ${limit} inputs.`, { limit: [String(limit)] });
  }
}
