// A stand-in for the app's webhook endpoint: a real HTTP server on loopback that keeps every
// request (method, URL, headers, raw body) and answers what the test says, possibly after a while.
import type { IncomingMessage } from 'node:http';
import type { WebhookEvent } from '../../src/sandbox/index.ts';
import { readBody, serve } from '../support/serve.ts';

export interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  events: WebhookEvent[];
}

export interface Receiver {
  url: string;
  received: Received[];
  events: () => WebhookEvent[];
  /** Most requests in progress at once. */
  maxInFlight: number;
  close: () => Promise<void>;
}

export async function startReceiver(answer: (n: number) => number | Promise<number> = () => 200, path = '/webhooks/hubspot'): Promise<Receiver> {
  const received: Received[] = [];
  let inFlight = 0;
  const r = { maxInFlight: 0 } as Receiver;
  const server = await serve(async (req, res) => {
    inFlight += 1;
    r.maxInFlight = Math.max(r.maxInFlight, inFlight);
    const body = (await readBody(req)).toString('utf8');
    received.push({ url: req.url ?? '', headers: req.headers, body, events: JSON.parse(body) as WebhookEvent[] });
    const status = await answer(received.length);
    inFlight -= 1;
    res.writeHead(status).end();
  });
  return Object.assign(r, {
    url: `${server.url}${path}`,
    received,
    events: () => received.flatMap((x) => x.events),
    close: () => server.close(),
  });
}
