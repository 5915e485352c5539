// The listener's limits (R10): a client that never finishes its headers is cut off at the header
// timeout (checked every interval, not Node's 30 s), and beyond the connection cap a new socket is
// closed at once while the connections already in keep being served.
import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, HTTP_LIMITS, listenOn } from '../../src/http/http-server.ts';

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

function open(port: number, first: string): { socket: Socket; closed: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.write(first);
  let text = '';
  socket.on('data', (d) => void (text += String(d)));
  socket.on('error', () => undefined);
  return { socket, closed: new Promise((resolve) => socket.on('close', () => resolve(text))) };
}

describe('http server limits', () => {
  it('when a client sends a header line and then nothing, then it is answered 408 and closed at the header timeout', async () => {
    server = createHttpServer((_req, res) => res.end('ok'), { ...HTTP_LIMITS, headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 });
    const port = await listenOn(server, 0, '127.0.0.1');
    const slow = open(port, 'POST /webhooks/hubspot HTTP/1.1\r\nHost: x\r\n');
    expect(await slow.closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it('when the connection cap is reached, then a new socket is closed at once and an open one is still served', async () => {
    server = createHttpServer((_req, res) => res.end('ok'), { ...HTTP_LIMITS, maxConnections: 2 });
    const port = await listenOn(server, 0, '127.0.0.1');
    const a = open(port, '');
    open(port, '');
    await new Promise((r) => setTimeout(r, 100));
    const third = open(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await third.closed).toBe('');
    a.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await a.closed).toMatch(/^HTTP\/1\.1 200/);
  });
});
