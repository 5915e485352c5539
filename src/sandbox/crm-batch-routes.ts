// Batch CRM endpoints (v3): read, update, create and archive up to 100 records a call. Results do
// not keep the input order (they come back reversed here, so code that relies on order fails in
// the sandbox as it would against HubSpot). Unknown ids make a 207 with OBJECT_NOT_FOUND errors;
// a bad property value fails the whole request with 400.
import { Router, type Request, type Response } from 'express';
import { checkBatchSize, parseBody, sendJson } from './http-errors.ts';
import { requireObjectType, singularOf } from './object-types.ts';
import { linkFor, missingTarget, planLinks } from './object-writes.ts';
import { propertyNamesFor, toPublicObject } from './record-view.ts';
import { BatchArchiveSchema, BatchCreateSchema, BatchReadSchema, BatchUpdateSchema } from './request-schemas.ts';
import { sourceOf, storeOf } from './sandbox-context.ts';
import { SandboxError, type ObjectType } from './sandbox-types.ts';

export const BATCH_LIMIT = 100;

interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
}

const typeFor = (req: Request): ObjectType => requireObjectType(String(req.params.type ?? ''));

const notFound = (type: ObjectType, ids: string[]): BatchError => ({
  status: 'error',
  category: 'OBJECT_NOT_FOUND',
  message: `Could not get some ${singularOf(type).toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
  context: { ids },
});

function sendBatch(res: Response, okStatus: number, startedAt: string, results: unknown[], errors: BatchError[]): void {
  const completedAt = new Date().toISOString();
  const body = { status: 'COMPLETE', results: results.reverse(), ...(errors.length ? { numErrors: errors.length, errors } : {}), startedAt, completedAt };
  sendJson(res, errors.length ? 207 : okStatus, body);
}

function batchRead(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = typeFor(req);
  const store = storeOf(res);
  const body = parseBody(BatchReadSchema, req.body);
  checkBatchSize(body.inputs.length, BATCH_LIMIT);
  if (body.idProperty && body.idProperty !== 'hs_object_id') throw new SandboxError(400, 'VALIDATION_ERROR', `idProperty ${body.idProperty} is not supported by the sandbox`);
  const names = propertyNamesFor(type, store.properties, body.properties?.length ? body.properties : undefined);
  const ids = [...new Set(body.inputs.map((i) => i.id))];
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const record = store.get(type, id);
    if (record) results.push(toPublicObject(type, record, names, { propertiesWithHistory: body.propertiesWithHistory }));
    else missing.push(id);
  }
  sendBatch(res, 200, startedAt, results, missing.length ? [notFound(type, missing)] : []);
}

function batchUpdate(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = typeFor(req);
  const store = storeOf(res);
  const { inputs } = parseBody(BatchUpdateSchema, req.body);
  checkBatchSize(inputs.length, BATCH_LIMIT);
  if (new Set(inputs.map((i) => i.id)).size !== inputs.length) throw new SandboxError(400, 'VALIDATION_ERROR', 'Duplicate IDs found in batch input.');
  for (const input of inputs) store.normalise(type, input.properties, {});
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    if (!store.get(type, input.id)) {
      missing.push(input.id);
      continue;
    }
    const record = store.update(type, input.id, input.properties, { source: sourceOf(res) });
    const names = propertyNamesFor(type, store.properties, Object.keys(input.properties));
    results.push(toPublicObject(type, record, names, input.objectWriteTraceId ? { extra: { objectWriteTraceId: input.objectWriteTraceId } } : {}));
  }
  sendBatch(res, 200, startedAt, results, missing.length ? [notFound(type, missing)] : []);
}

function batchCreate(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const type = typeFor(req);
  const store = storeOf(res);
  const { inputs } = parseBody(BatchCreateSchema, req.body);
  checkBatchSize(inputs.length, BATCH_LIMIT);
  for (const input of inputs) store.normalise(type, input.properties, {});
  const planned = inputs.map((input) => planLinks(type, 'pending', input.associations));
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  inputs.forEach((input, i) => {
    const links = planned[i] ?? [];
    const missing = missingTarget(store, links);
    const trace = input.objectWriteTraceId;
    if (missing) {
      errors.push({ status: 'error', category: 'VALIDATION_ERROR', message: missing, context: trace === undefined ? {} : { objectWriteTraceId: [trace] } });
      return;
    }
    const record = store.create(type, input.properties, { source: sourceOf(res) });
    for (const p of links) store.link(linkFor(p, record.id), { source: sourceOf(res), primary: p.primary || undefined });
    results.push(toPublicObject(type, record, [], { all: true, extra: trace === undefined ? {} : { objectWriteTraceId: trace } }));
  });
  sendBatch(res, 201, startedAt, results, errors);
}

function batchArchive(req: Request, res: Response): void {
  const type = typeFor(req);
  const { inputs } = parseBody(BatchArchiveSchema, req.body);
  checkBatchSize(inputs.length, BATCH_LIMIT);
  for (const input of inputs) storeOf(res).archive(type, input.id, { source: sourceOf(res) });
  res.status(204).end();
}

export function crmBatchRoutes(): Router {
  const r = Router();
  r.post('/crm/v3/objects/:type/batch/read', batchRead);
  r.post('/crm/v3/objects/:type/batch/update', batchUpdate);
  r.post('/crm/v3/objects/:type/batch/create', batchCreate);
  r.post('/crm/v3/objects/:type/batch/archive', batchArchive);
  return r;
}
