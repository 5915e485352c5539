// A request handler (an express app, or a plain listener) served over real HTTP on a free port of
// 127.0.0.1, for the tests, benches and scripts that stand up an app or a stand-in. No vitest import.
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from 'express';
import { createApp, type AppRouters } from '../../src/http/create-app.ts';

export interface Served {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  server: Server;
  /** Stops listening and drops every connection, requests still open too. */
  close(): Promise<void>;
}

/** On `port`, or a free one. */
export async function serve(handler: RequestListener, port = 0): Promise<Served> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Some of the app's routes mounted as the server mounts them (createApp), the others empty, served on `port` or a free one. */
export function serveRoutes(routes: Partial<AppRouters>, adminToken?: string, port = 0): Promise<Served> {
  return serve(createApp({ ADMIN_TOKEN: adminToken }, { health: Router(), metrics: Router(), webhooks: Router(), oauth: Router(), admin: [], ...routes }), port);
}

/** A request's whole body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
