// Between the sandbox and the app: HubSpot promises neither order nor single delivery, so this
// relay acknowledges each batch at once and delivers it to the app twice, in shuffled order (the
// events inside shuffled too), a share of the batches late (after newer ones), each copy signed
// afresh as HubSpot would sign a retry. Non-2xx answers are retried like HubSpot does.
import { mulberry32 } from '../../../src/sandbox/generate-portfolio.ts';
import { postSigned } from '../../../src/sandbox/webhook-post.ts';
import { shuffled } from './change-script.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';
import { readBody, serve } from '../../support/serve.ts';

export interface RelayOptions {
  /** The app's webhook URL (what it verifies signatures against). */
  target: string;
  secret: string;
  seed: number;
  /** Share of batches whose first copy is held back `lateMs` (default 0.25, 1,500 ms). */
  lateShare?: number;
  lateMs?: number;
}

export interface RelayStats {
  batches: number;
  events: number;
  /** POSTs made to the app (copies and retries included) and POSTs it refused. */
  posts: number;
  refused: number;
  /** Distinct events the app acknowledged at least once. */
  acknowledged: number;
}

export interface ChaosRelay {
  readonly url: string;
  stats(): RelayStats;
  /** Resolves when every copy of every batch received so far was acknowledged (bounded). */
  idle(limitMs?: number): Promise<void>;
  close(): Promise<void>;
}

type Event = { eventId?: number };

export async function startChaosRelay(options: RelayOptions): Promise<ChaosRelay> {
  const random = mulberry32(options.seed);
  const stats: RelayStats = { batches: 0, events: 0, posts: 0, refused: 0, acknowledged: 0 };
  const acked = new Set<number>();
  let pending = 0;
  let closed = false;

  const deliver = async (events: Event[], waitMs: number): Promise<void> => {
    await sleep(waitMs);
    const body = JSON.stringify(shuffled(random, events));
    for (let attempt = 0; !closed; attempt++) {
      stats.posts += 1;
      const status = await postSigned({ url: options.target, body, secret: options.secret, timestamp: Date.now(), timeoutMs: 5000, signal: AbortSignal.timeout(10_000) });
      if (status !== undefined && status >= 200 && status < 300) {
        for (const e of events) if (e.eventId !== undefined) acked.add(e.eventId);
        stats.acknowledged = acked.size;
        return;
      }
      stats.refused += 1;
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  };

  const receive = (body: string): void => {
    const events = JSON.parse(body) as Event[];
    stats.batches += 1;
    stats.events += events.length;
    const late = random() < (options.lateShare ?? 0.25) ? (options.lateMs ?? 1500) : 0;
    // Two copies: the first now or late, the second at a random moment after it.
    for (const waitMs of [late + random() * 200, late + 200 + random() * 1500]) {
      pending += 1;
      void deliver(events, waitMs).finally(() => (pending -= 1));
    }
  };

  const server = await serve(async (req, res) => {
    receive((await readBody(req)).toString('utf8'));
    res.writeHead(200).end();
  });
  return {
    url: `${server.url}/webhooks/hubspot`,
    stats: () => ({ ...stats }),
    idle: (limitMs = 120_000) => waitFor(() => pending === 0, 'the relay delivered every copy', limitMs, 50),
    close: () => {
      closed = true;
      return server.close();
    },
  };
}
