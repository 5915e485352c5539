// The HTTP listener with limits of seconds, not Node's minutes (R10): a client that has not sent
// its headers in 5 s or its whole request in 15 s is cut off, idle keep-alive connections close
// after 5 s, and those limits are enforced every second (Node's default check runs every 30 s,
// which let slow connections pile up to the file-descriptor limit). Beyond `maxConnections` new
// sockets are closed at once, so the process keeps descriptors for Redis and its own calls.
import { createServer, type RequestListener, type Server } from 'node:http';

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often the two timeouts above are enforced. */
  checkIntervalMs: number;
  /** A socket with no traffic at all for this long is closed. */
  idleTimeoutMs: number;
  maxConnections: number;
  maxHeaderBytes: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  idleTimeoutMs: 30_000,
  maxConnections: 10_000,
  maxHeaderBytes: 16_384,
};

export function createHttpServer(app: RequestListener, limits: HttpLimits = HTTP_LIMITS): Server {
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
    maxHeaderSize: limits.maxHeaderBytes,
  }, app);
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy());
  return server;
}

/** Listens on `port` (0: any free port) and resolves with the bound port. */
export async function listenOn(server: Server, port: number, host?: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}
