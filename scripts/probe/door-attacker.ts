// One attacking process of `npm run probe -- door`, loopback only. Modes:
//   body <port> <count> <seconds> unsigned|fake : `count` connections each declaring a 1 MiB webhook
//       body, sending all but 576 bytes of it, then stalling until `seconds` pass.
//   slow <port> <count> <seconds> : `count` connections each sending one header line every 10 s;
//       a connection the server closes is opened again, so the pressure lasts `seconds`.
// Prints one JSON line of counts when done.
import { connect, type Socket } from 'node:net';

const [mode, portArg, countArg, secondsArg, signing] = process.argv.slice(2);
const port = Number(portArg);
const count = Number(countArg);
const until = Date.now() + Number(secondsArg) * 1000;
const BODY = 1024 * 1024;
const counts = { opened: 0, closedByServer: 0, refusedToConnect: 0, statuses: {} as Record<string, number> };
const open = new Set<Socket>();
// One buffer for every connection: writing it does not copy it, so the attacker stays small.
const FILLER = Buffer.alloc(BODY - 576, 0x20);

function track(socket: Socket, onClosed?: () => void): void {
  open.add(socket);
  let seen = '';
  socket.on('connect', () => void counts.opened++);
  socket.on('data', (d) => {
    if (seen) return;
    seen = String(d).slice(9, 12);
    counts.statuses[seen] = (counts.statuses[seen] ?? 0) + 1;
  });
  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' && !socket.bytesRead) counts.refusedToConnect++;
  });
  socket.on('close', () => {
    open.delete(socket);
    if (Date.now() < until) {
      counts.closedByServer++;
      onClosed?.();
    }
  });
}

function bodyAttack(): void {
  const socket = connect(port, '127.0.0.1');
  track(socket);
  const signature = signing === 'fake' ? `X-HubSpot-Signature-v3: ${'Q'.repeat(43)}=\r\nX-HubSpot-Request-Timestamp: ${Date.now()}\r\n` : '';
  socket.write(`POST /webhooks/hubspot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${BODY}\r\n${signature}\r\n`);
  socket.write(FILLER);
}

function slowAttack(): void {
  if (Date.now() >= until) return;
  const socket = connect(port, '127.0.0.1');
  let line = 0;
  const timer = setInterval(() => socket.write(`X-Slow-${line++}: ${'x'.repeat(20)}\r\n`), 10_000);
  track(socket, () => {
    clearInterval(timer);
    setTimeout(slowAttack, 200);
  });
  socket.on('close', () => clearInterval(timer));
  socket.write('POST /webhooks/hubspot HTTP/1.1\r\nHost: 127.0.0.1\r\n');
}

// Connect in waves, as a real flood would, rather than in one burst the accept queue cannot hold.
for (let i = 0; i < count; i++) {
  setTimeout(() => (mode === 'body' ? bodyAttack() : slowAttack()), Math.floor(i / 100) * 50);
}
setTimeout(() => {
  process.stdout.write(`${JSON.stringify({ mode, signing, ...counts, stillOpen: open.size })}\n`);
  for (const s of open) s.destroy();
  process.exit(0);
}, until - Date.now());
