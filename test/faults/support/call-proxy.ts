// A recording proxy between worker processes and the sandbox. Each worker gets its own base URL
// (`…/w/<name>`), so every HubSpot call is attributed to the process that made it, with its timing
// and the record ids it carried. A hook may act after the sandbox answered and before the worker
// hears it: that is where a test kills a worker "between HubSpot doing it and us recording it".
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { callKind } from '../../../src/sandbox/call-kinds.ts';
import { readBody, serve } from '../../support/serve.ts';

export interface ProxiedCall {
  worker: string;
  method: string;
  path: string;
  kind: string;
  /** 0 when the sandbox never answered (a hung call the worker gave up on). */
  status: number;
  startedAt: number;
  endedAt: number;
  /** Ids of the records in a batch body (inputs[].id), or the company ids tasks were created for. */
  ids: string[];
}

export type BeforeReply = (call: ProxiedCall) => Promise<'reply' | 'drop'> | 'reply' | 'drop';

export interface CallProxy {
  /** The HUBSPOT_API_BASE for one worker. */
  baseFor(worker: string): string;
  readonly calls: ProxiedCall[];
  beforeReply: BeforeReply | undefined;
  close(): Promise<void>;
}

type Body = { inputs?: { id?: unknown; associations?: { to?: { id?: unknown } }[] }[] };

/** What a batch call was about: read/update ids, or the companies new tasks are associated with. */
function idsOf(kind: string, raw: Buffer): string[] {
  if (raw.length === 0 || !kind.includes('.batch')) return [];
  try {
    const inputs = (JSON.parse(raw.toString('utf8')) as Body).inputs ?? [];
    if (kind === 'tasks.batchCreate') return inputs.flatMap((i) => (i.associations ?? []).map((a) => String(a.to?.id)));
    return inputs.map((i) => String(i.id));
  } catch {
    return [];
  }
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

function forwardHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function startCallProxy(target: string): Promise<CallProxy> {
  const calls: ProxiedCall[] = [];
  const proxy: CallProxy = { baseFor: () => '', calls, beforeReply: undefined, close: async () => undefined };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = /^\/w\/([^/]+)(\/.*)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    const [, worker = '?', rest = '/'] = match;
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const path = rest.split('?')[0] ?? rest;
    const kind = callKind(method, path);
    const call: ProxiedCall = { worker, method, path, kind, status: 0, startedAt: Date.now(), endedAt: 0, ids: idsOf(kind, body) };
    calls.push(call);
    let upstream: Response;
    try {
      upstream = await fetch(target + rest, { method, headers: forwardHeaders(req.headers), body: body.length ? body : undefined });
    } catch {
      call.endedAt = Date.now();
      return void res.destroy();
    }
    const payload = Buffer.from(await upstream.arrayBuffer());
    call.status = upstream.status;
    call.endedAt = Date.now();
    if ((await proxy.beforeReply?.(call)) === 'drop') return void res.destroy();
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!HOP_BY_HOP.has(k) && k !== 'content-encoding') headers[k] = v;
    });
    res.writeHead(upstream.status, headers).end(payload);
  };

  const server = await serve((req, res) => void handle(req, res).catch(() => res.destroy()));
  proxy.baseFor = (worker) => `${server.url}/w/${worker}`;
  proxy.close = () => server.close();
  return proxy;
}
