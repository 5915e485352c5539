// Names each sandbox endpoint the way the adapter's call counter names its calls
// (`companies.batchRead`, `associations.batchRead`, `properties.list`, `oauth.token`, …), from the
// method and path alone, so calls refused before reaching a route (401, 429, faults) count too.
import { objectTypeOf } from './object-types.ts';

const BATCH: Record<string, string> = { read: 'batchRead', update: 'batchUpdate', create: 'batchCreate', archive: 'batchArchive' };
const SINGLE: Record<string, string> = { GET: 'get', PATCH: 'update', DELETE: 'archive' };

function objectsKind(method: string, parts: string[]): string {
  const [type = '?', second, third] = parts;
  const t = objectTypeOf(type) ?? type;
  if (second === undefined) return `${t}.${method === 'POST' ? 'create' : 'page'}`;
  if (second === 'batch') return `${t}.${BATCH[third ?? ''] ?? `batch.${third}`}`;
  if (second === 'search' || second === 'merge') return `${t}.${second}`;
  return `${t}.${SINGLE[method] ?? method.toLowerCase()}`;
}

function propertiesKind(method: string, parts: string[]): string {
  const [, second, third] = parts;
  if (second === 'groups') return `properties.groups.${third === undefined ? (method === 'POST' ? 'create' : 'list') : method === 'PATCH' ? 'update' : 'get'}`;
  if (second === 'batch') return `properties.${BATCH[third ?? ''] ?? 'batch'}`;
  if (second === undefined) return `properties.${method === 'POST' ? 'create' : 'list'}`;
  return `properties.${SINGLE[method] ?? method.toLowerCase()}`;
}

function listsKind(method: string, parts: string[]): string {
  if (method === 'POST') return 'lists.create';
  if (method === 'DELETE') return 'lists.delete';
  if (method === 'PUT') return 'lists.updateFilters';
  return parts[0] === 'object-type-id' ? 'lists.getByName' : 'lists.get';
}

function associationsKind(method: string, path: string): string {
  if (path.endsWith('/batch/read')) return 'associations.batchRead';
  if (path.includes('/batch/associate/')) return 'associations.batchCreateDefault';
  if (path.endsWith('/batch/archive')) return 'associations.batchArchive';
  if (method === 'PUT') return path.includes('/associations/default/') ? 'associations.createDefault' : 'associations.create';
  return 'associations.archive';
}

function oauthKind(method: string, path: string): string {
  if (path.startsWith('/oauth/authorize')) return 'oauth.authorize';
  if (path.startsWith('/oauth/v3/token') || path.startsWith('/oauth/v1/token')) return 'oauth.token';
  if (path.startsWith('/oauth/v1/access-tokens/')) return 'oauth.accessTokenInfo';
  return method === 'DELETE' ? 'oauth.revoke' : 'oauth.refreshTokenInfo';
}

export function callKind(method: string, path: string): string {
  const m = method.toUpperCase();
  const parts = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  if (parts[0] === 'oauth') return oauthKind(m, path);
  if (parts[0] === 'account-info') return 'accountInfo.details';
  if (parts[0] !== 'crm') return 'other';
  if (parts[1] === 'v3' && parts[2] === 'objects') return objectsKind(m, parts.slice(3));
  if (parts[1] === 'v3' && parts[2] === 'properties') return propertiesKind(m, parts.slice(3));
  if (parts[1] === 'v3' && parts[2] === 'lists') return listsKind(m, parts.slice(3));
  if (parts[1] === 'v4') return associationsKind(m, path);
  return 'other';
}
