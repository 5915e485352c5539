// A stand-in for the app's webhook endpoint: a real HTTP server on loopback that keeps every
// request (method, URL, headers, raw body) and answers what the test says, possibly after a while.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '../../src/sandbox/index.ts';

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
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    r.maxInFlight = Math.max(r.maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ url: req.url ?? '', headers: req.headers, body, events: JSON.parse(body) as WebhookEvent[] });
      const status = await answer(received.length);
      inFlight -= 1;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    events: () => received.flatMap((x) => x.events),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}
