// A small stateful HubSpot lists API in nock (find by name, create, 409 on a taken name), for the
// tests of list provisioning.
import nock from 'nock';
import { BASE } from '../support/hubspot-fixtures.ts';

const JSON_HEADERS = { 'content-type': 'application/json;charset=utf-8' };
const PREFIX = '/crm/v3/lists/object-type-id/0-2/name/';

interface StoredList { listId: string; name: string; objectTypeId: string; processingType: string; filterBranch?: unknown }

/** Lists by name (case-insensitive, as HubSpot); `raceOnce` makes the next create of that name lose to another install. */
export function fakeLists(seed: StoredList[] = [], raceOnce?: string) {
  const lists = new Map(seed.map((l) => [l.name.toLowerCase(), l]));
  const posts: Array<Record<string, unknown>> = [];
  let gets = 0;
  let race = raceOnce;
  const envelope = (l: StoredList) => ({ list: { ...l, listVersion: 1, processingStatus: 'COMPLETE', createdAt: '2026-11-22T06:00:00.000Z', updatedAt: '2026-11-22T06:00:00.000Z' } });
  const scope = nock(BASE).persist();
  scope.get((path) => path.startsWith(PREFIX)).reply((uri) => {
    gets += 1;
    const name = decodeURIComponent(uri.slice(PREFIX.length).split('?')[0]!);
    const found = lists.get(name.toLowerCase());
    return found ? [200, envelope(found), JSON_HEADERS] : [404, { status: 'error', message: `List does not exist with name ${name}.`, category: 'OBJECT_NOT_FOUND' }, JSON_HEADERS];
  });
  scope.post('/crm/v3/lists').reply((_uri, body) => {
    const b = body as StoredList;
    posts.push(body as Record<string, unknown>);
    if (race === b.name) {
      race = undefined;
      lists.set(b.name.toLowerCase(), { ...b, listId: '900' });
    }
    if (lists.has(b.name.toLowerCase())) return [409, { status: 'error', message: `A list named ${b.name} already exists.`, category: 'OBJECT_ALREADY_EXISTS' }, JSON_HEADERS];
    const list = { ...b, listId: String(100 + lists.size) };
    lists.set(b.name.toLowerCase(), list);
    return [200, envelope(list), JSON_HEADERS];
  });
  return { lists, posts, gets: () => gets };
}
