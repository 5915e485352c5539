// Properties v3: list, read, create (409 on a duplicate), batch create (207 with
// OBJECT_ALREADY_EXISTS per duplicate), batch read, patch and archive properties; list, create
// (409 on a duplicate), read and patch property groups.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { checkBatchSize, parseBody, sendJson } from './http-errors.ts';
import { requireObjectType } from './object-types.ts';
import { GroupCreateSchema, GroupUpdateSchema, PropertyCreateSchema, PropertyUpdateSchema } from './property-catalog.ts';
import { storeOf } from './sandbox-context.ts';
import { SandboxError, type ObjectType } from './sandbox-types.ts';

export const PROPERTY_BATCH_LIMIT = 100;

const BatchCreateSchema = z.object({ inputs: z.array(z.unknown()) });
const BatchReadSchema = z.object({ inputs: z.array(z.object({ name: z.string() })), archived: z.boolean().optional() });

const typeFor = (req: Request): ObjectType => requireObjectType(String(req.params.objectType ?? ''));

const name = (req: Request): string => String(req.params.name ?? '');

function createBatch(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = typeFor(req);
  const catalog = storeOf(res).properties;
  const { inputs } = parseBody(BatchCreateSchema, req.body);
  checkBatchSize(inputs.length, PROPERTY_BATCH_LIMIT);
  // Every definition must be valid before any is created; only duplicates fail one by one.
  const defs = inputs.map((i) => parseBody(PropertyCreateSchema, i));
  const results = [];
  const errors = [];
  for (const def of defs) {
    try {
      results.push(catalog.create(type, def));
    } catch (err) {
      if (!(err instanceof SandboxError) || err.status !== 409) throw err;
      errors.push({ status: 'error', category: err.category, message: err.message, context: { name: [def.name] } });
    }
  }
  const body = { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), startedAt, completedAt: new Date().toISOString() };
  sendJson(res, errors.length ? 207 : 201, body);
}

function readBatch(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = typeFor(req);
  const { inputs } = parseBody(BatchReadSchema, req.body);
  const catalog = storeOf(res).properties;
  const results = inputs.map((i) => catalog.get(type, i.name)).filter((p) => p !== undefined);
  sendJson(res, 200, { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() });
}

function requireProperty(req: Request, res: Response) {
  const type = typeFor(req);
  const p = storeOf(res).properties.get(type, name(req));
  if (!p) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name(req)} for object type ${type}`);
  return p;
}

function requireGroup(req: Request, res: Response) {
  const type = typeFor(req);
  const g = storeOf(res).properties.getGroup(type, name(req));
  if (!g || g.archived) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name(req)} for object type ${type}`);
  return g;
}

export function propertiesRoutes(): Router {
  const r = Router();
  const base = '/crm/v3/properties/:objectType';
  r.get(`${base}/groups`, (req, res) => sendJson(res, 200, { results: storeOf(res).properties.listGroups(typeFor(req)) }));
  r.post(`${base}/groups`, (req, res) => {
    const type = typeFor(req);
    sendJson(res, 201, storeOf(res).properties.createGroup(type, parseBody(GroupCreateSchema, req.body)));
  });
  r.get(`${base}/groups/:name`, (req, res) => sendJson(res, 200, requireGroup(req, res)));
  r.patch(`${base}/groups/:name`, (req, res) => {
    const type = typeFor(req);
    sendJson(res, 200, storeOf(res).properties.updateGroup(type, name(req), parseBody(GroupUpdateSchema, req.body)));
  });
  r.post(`${base}/batch/create`, createBatch);
  r.post(`${base}/batch/read`, readBatch);
  r.get(base, (req, res) => sendJson(res, 200, { results: storeOf(res).properties.list(typeFor(req)) }));
  r.post(base, (req, res) => {
    const type = typeFor(req);
    sendJson(res, 201, storeOf(res).properties.create(type, parseBody(PropertyCreateSchema, req.body)));
  });
  r.get(`${base}/:name`, (req, res) => sendJson(res, 200, requireProperty(req, res)));
  r.patch(`${base}/:name`, (req, res) => {
    const type = typeFor(req);
    sendJson(res, 200, storeOf(res).properties.update(type, name(req), parseBody(PropertyUpdateSchema, req.body)));
  });
  r.delete(`${base}/:name`, (req, res) => {
    const type = typeFor(req);
    storeOf(res).properties.archive(type, name(req));
    res.status(204).end();
  });
  return r;
}
