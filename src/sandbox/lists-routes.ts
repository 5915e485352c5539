// Lists v3: create (409 on a duplicate name), read by id or by object type and name, replace the
// filters, delete. Responses wrap the list as HubSpot does ({list} / {updatedList}).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { ListCreateSchema } from './list-store.ts';
import { parseBody, sendJson } from './http-errors.ts';
import { storeOf } from './sandbox-context.ts';

const FiltersSchema = z.object({ filterBranch: z.unknown() });

const listId = (req: Request): string => String(req.params.listId ?? '');

export function listsRoutes(ctx: { appId: string }): Router {
  const r = Router();
  r.post(['/crm/v3/lists', '/crm/v3/lists/'], (req, res) => {
    sendJson(res, 200, { list: storeOf(res).lists.create(parseBody(ListCreateSchema, req.body), ctx.appId) });
  });
  r.get('/crm/v3/lists/object-type-id/:objectTypeId/name/:name', (req, res) => {
    sendJson(res, 200, { list: storeOf(res).lists.getByName(String(req.params.objectTypeId), String(req.params.name)) });
  });
  r.get('/crm/v3/lists/:listId', (req, res) => {
    sendJson(res, 200, { list: storeOf(res).lists.get(listId(req)) });
  });
  r.put('/crm/v3/lists/:listId/update-list-filters', (req, res) => {
    sendJson(res, 200, { updatedList: storeOf(res).lists.updateFilters(listId(req), parseBody(FiltersSchema, req.body).filterBranch) });
  });
  r.delete('/crm/v3/lists/:listId', (req, res) => {
    storeOf(res).lists.remove(listId(req));
    res.status(204).end();
  });
  return r;
}
