// Single-object CRM endpoints (v3): page through a type by id (100 a page, with associations in
// HubSpot's v3 shape), get, create, update, archive one record, and merge two companies.
import { Router, type Request, type Response } from 'express';
import { inlineAssociations } from './inline-associations.ts';
import { parseBody, sendJson } from './http-errors.ts';
import { objectTypeOf, requireObjectType } from './object-types.ts';
import { createWithAssociations } from './object-writes.ts';
import { propertyNamesFor, requestedNames, toPublicObject } from './record-view.ts';
import { CreateInputSchema, MergeSchema, UpdateInputSchema } from './request-schemas.ts';
import { sourceOf, storeOf, type SandboxContext } from './sandbox-context.ts';
import { SandboxError, type ObjectType } from './sandbox-types.ts';

export const PAGE_LIMIT = 100;

const param = (req: Request, name: string): string => String(req.params[name] ?? '');

const typeFor = (req: Request): ObjectType => requireObjectType(param(req, 'type'));

function associationTypes(raw: unknown): ObjectType[] {
  return (requestedNames(raw) ?? []).map((n) => objectTypeOf(n)).filter((t): t is ObjectType => t !== undefined);
}

function pageLink(req: Request, after: string): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  url.searchParams.delete('after');
  url.searchParams.append('after', after);
  return url.toString();
}

function getPage(ctx: SandboxContext, req: Request, res: Response): void {
  const type = typeFor(req);
  const store = storeOf(res);
  const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT) throw new SandboxError(400, 'VALIDATION_ERROR', `limit must be between 1 and ${PAGE_LIMIT}`);
  const after = req.query.after === undefined ? undefined : String(req.query.after);
  const names = propertyNamesFor(type, store.properties, requestedNames(req.query.properties));
  const assoc = associationTypes(req.query.associations);
  const page = store.table(type).page(after, limit);
  const results = page.records.map((r) => {
    const associations = inlineAssociations(store, type, r.id, assoc, ctx.inlineAssociationLimit);
    return toPublicObject(type, r, names, associations ? { extra: { associations } } : {});
  });
  const paging = page.nextAfter ? { paging: { next: { after: page.nextAfter, link: pageLink(req, page.nextAfter) } } } : {};
  sendJson(res, 200, { results, ...paging });
}

function getOne(ctx: SandboxContext, req: Request, res: Response): void {
  const type = typeFor(req);
  const store = storeOf(res);
  const record = store.require(type, param(req, 'id'));
  const names = propertyNamesFor(type, store.properties, requestedNames(req.query.properties));
  const associations = inlineAssociations(store, type, record.id, associationTypes(req.query.associations), ctx.inlineAssociationLimit);
  sendJson(res, 200, toPublicObject(type, record, names, associations ? { extra: { associations } } : {}));
}

function createOne(req: Request, res: Response): void {
  const type = typeFor(req);
  const record = createWithAssociations(storeOf(res), type, parseBody(CreateInputSchema, req.body), sourceOf(res));
  sendJson(res, 201, toPublicObject(type, record, [], { all: true }));
}

function updateOne(req: Request, res: Response): void {
  const type = typeFor(req);
  const store = storeOf(res);
  const input = parseBody(UpdateInputSchema, req.body);
  const record = store.update(type, param(req, 'id'), input.properties, { source: sourceOf(res) });
  const names = propertyNamesFor(type, store.properties, Object.keys(input.properties));
  sendJson(res, 200, toPublicObject(type, record, names));
}

function archiveOne(req: Request, res: Response): void {
  const type = typeFor(req);
  storeOf(res).archive(type, param(req, 'id'), { source: sourceOf(res) });
  res.status(204).end();
}

function merge(req: Request, res: Response): void {
  const type = typeFor(req);
  const store = storeOf(res);
  const body = parseBody(MergeSchema, req.body);
  const record = store.merge(type, body.primaryObjectId, body.objectIdToMerge, { source: sourceOf(res) });
  sendJson(res, 200, toPublicObject(type, record, propertyNamesFor(type, store.properties, undefined)));
}

export function crmObjectsRoutes(ctx: SandboxContext): Router {
  const r = Router();
  r.get('/crm/v3/objects/:type', (req, res) => getPage(ctx, req, res));
  r.post('/crm/v3/objects/:type', createOne);
  r.post('/crm/v3/objects/:type/merge', merge);
  r.get('/crm/v3/objects/:type/:id', (req, res) => getOne(ctx, req, res));
  r.patch('/crm/v3/objects/:type/:id', updateOne);
  r.delete('/crm/v3/objects/:type/:id', archiveOne);
  return r;
}
