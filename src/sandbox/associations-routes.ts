// Associations v4: batch read (≤ 1,000 inputs; each input paged on its own with an opaque
// `paging.next.after`; an input without associations is a 207 NO_ASSOCIATIONS_FOUND error;
// `toObjectId` a number on the wire), default association creation one by one or in a batch,
// creation with named types (a parent link: 13 or 14), and removal.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Link } from './association-index.ts';
import type { CrmStore } from './crm-store.ts';
import { checkBatchSize, parseBody, sendJson } from './http-errors.ts';
import { associationKind, objectTypeIdOf, PARENT_LINK, requireObjectType, singularOf, targetOfTypeId, type AssociationKind } from './object-types.ts';
import { AssociationBatchReadSchema } from './request-schemas.ts';
import { sourceOf, storeOf, type SandboxContext } from './sandbox-context.ts';
import { SandboxError, type ObjectType } from './sandbox-types.ts';

export const ASSOCIATION_BATCH_LIMIT = 1000;

const Id = z.union([z.string(), z.number()]).transform(String);
const DefaultBatchSchema = z.object({ inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.object({ id: Id }) })) });
const ArchiveBatchSchema = z.object({ inputs: z.array(z.object({ from: z.object({ id: Id }), to: z.array(z.object({ id: Id })) })) });

/** Company → company has no unlabeled kind here: every such link is a parent link (13 / 14). */
const PARENT_PAIR: AssociationKind = { unlabeled: PARENT_LINK.toChild.typeId, v3Name: PARENT_LINK.toChild.v3Name, webhookName: PARENT_LINK.toChild.webhookName };

function pair(req: Request): { from: ObjectType; to: ObjectType; kind: AssociationKind } {
  const from = requireObjectType(String(req.params.from ?? ''));
  const to = requireObjectType(String(req.params.to ?? ''));
  const kind = from === 'companies' && to === 'companies' ? PARENT_PAIR : associationKind(from, to);
  if (!kind) throw new SandboxError(400, 'VALIDATION_ERROR', `No association type exists from ${from} to ${to}.`);
  return { from, to, kind };
}

const encodeAfter = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');
function decodeAfter(after: string | undefined): number {
  if (after === undefined) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(decodeURIComponent(after), 'base64url').toString('utf8'));
  if (!m) throw new SandboxError(400, 'VALIDATION_ERROR', `Invalid paging cursor: ${after}`);
  return Number(m[1]);
}

function typesOf(store: CrmStore, link: Link, kind: AssociationKind) {
  if (kind === PARENT_PAIR) {
    const side = store.associations.parentOf(link.fromId) === link.toId ? PARENT_LINK.toParent : PARENT_LINK.toChild;
    return [{ category: 'HUBSPOT_DEFINED', typeId: side.typeId, label: side.label }];
  }
  const unlabeled = { category: 'HUBSPOT_DEFINED', typeId: kind.unlabeled, label: null };
  if (kind.primary === undefined || !store.associations.isPrimary(link)) return [unlabeled];
  const primary = { category: 'HUBSPOT_DEFINED', typeId: kind.primary, label: 'Primary' };
  return link.fromType === 'deals' ? [primary, unlabeled] : [unlabeled, primary];
}

function batchRead(ctx: SandboxContext, req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const { from, to, kind } = pair(req);
  const store = storeOf(res);
  const { inputs } = parseBody(AssociationBatchReadSchema, req.body);
  checkBatchSize(inputs.length, ASSOCIATION_BATCH_LIMIT);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of inputs) {
    const ids = store.get(from, input.id) ? store.associations.list(from, input.id, to) : [];
    if (ids.length === 0) {
      errors.push({
        status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        context: { fromObjectId: [input.id], fromObjectType: [singularOf(from)], toObjectType: [singularOf(to)] },
        message: `No ${singularOf(to)} is associated with ${singularOf(from)} ${input.id}.`,
      });
      continue;
    }
    const offset = decodeAfter(input.after);
    const end = offset + ctx.associationPageSize;
    const page = ids.slice(offset, end).map((toId) => ({
      toObjectId: Number(toId),
      associationTypes: typesOf(store, { fromType: from, fromId: input.id, toType: to, toId }, kind),
    }));
    results.push({ from: { id: input.id }, to: page, ...(end < ids.length ? { paging: { next: { after: encodeAfter(end), link: null } } } : {}) });
  }
  const body = { status: 'COMPLETE', results, ...(errors.length ? { numErrors: errors.length, errors } : {}), startedAt, completedAt: new Date().toISOString() };
  sendJson(res, errors.length ? 207 : 200, body);
}

function createDefault(store: CrmStore, res: Response, from: ObjectType, fromId: string, to: ObjectType, toId: string, kind: AssociationKind) {
  if (kind === PARENT_PAIR) throw new SandboxError(400, 'VALIDATION_ERROR', 'Companies have no default association with companies: use type 13 (parent to child) or 14 (child to parent).');
  store.link({ fromType: from, fromId, toType: to, toId }, { source: sourceOf(res) });
  return { from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: kind.unlabeled } };
}

function putDefault(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const { from, to, kind } = pair(req);
  const result = createDefault(storeOf(res), res, from, String(req.params.fromId), to, String(req.params.toId), kind);
  sendJson(res, 200, { status: 'COMPLETE', results: [result], startedAt, completedAt: new Date().toISOString() });
}

function batchDefault(req: Request, res: Response): void {
  const startedAt = new Date().toISOString();
  const { from, to, kind } = pair(req);
  const { inputs } = parseBody(DefaultBatchSchema, req.body);
  checkBatchSize(inputs.length, ASSOCIATION_BATCH_LIMIT);
  const results = inputs.map((i) => createDefault(storeOf(res), res, from, i.from.id, to, i.to.id, kind));
  sendJson(res, 200, { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() });
}

const LabelledSchema = z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })).min(1);

/** PUT with association types in the body (v4): the types must start from `from` and lead to `to`. */
function putLabelled(req: Request, res: Response): void {
  const { from, to } = pair(req);
  const fromId = String(req.params.fromId);
  const toId = String(req.params.toId);
  const store = storeOf(res);
  for (const t of parseBody(LabelledSchema, req.body)) {
    const target = targetOfTypeId(from, t.associationTypeId);
    if (!target || target.to !== to || t.associationCategory !== 'HUBSPOT_DEFINED') {
      throw new SandboxError(400, 'VALIDATION_ERROR', `${t.associationCategory} association type ${t.associationTypeId} is not valid from ${singularOf(from)} to ${singularOf(to)}.`);
    }
    const link = target.parentLink === 'toChild' ? { fromType: to, fromId: toId, toType: from, toId: fromId } : { fromType: from, fromId, toType: to, toId };
    store.link(link, { source: sourceOf(res), primary: target.primary || undefined });
  }
  sendJson(res, 201, { fromObjectTypeId: objectTypeIdOf(from), fromObjectId: Number(fromId), toObjectTypeId: objectTypeIdOf(to), toObjectId: Number(toId), labels: [] });
}

function removeOne(req: Request, res: Response): void {
  const { from, to } = pair(req);
  storeOf(res).unlink({ fromType: from, fromId: String(req.params.fromId), toType: to, toId: String(req.params.toId) }, { source: sourceOf(res) });
  res.status(204).end();
}

function batchArchive(req: Request, res: Response): void {
  const { from, to } = pair(req);
  const { inputs } = parseBody(ArchiveBatchSchema, req.body);
  checkBatchSize(inputs.length, ASSOCIATION_BATCH_LIMIT);
  for (const i of inputs) for (const t of i.to) storeOf(res).unlink({ fromType: from, fromId: i.from.id, toType: to, toId: t.id }, { source: sourceOf(res) });
  res.status(204).end();
}

export function associationsRoutes(ctx: SandboxContext): Router {
  const r = Router();
  r.post('/crm/v4/associations/:from/:to/batch/read', (req, res) => batchRead(ctx, req, res));
  r.post('/crm/v4/associations/:from/:to/batch/associate/default', batchDefault);
  r.post('/crm/v4/associations/:from/:to/batch/archive', batchArchive);
  r.put('/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', putDefault);
  r.put('/crm/v4/objects/:from/:fromId/associations/:to/:toId', putLabelled);
  r.delete('/crm/v4/objects/:from/:fromId/associations/:to/:toId', removeOne);
  return r;
}
