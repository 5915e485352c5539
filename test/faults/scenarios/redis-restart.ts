// R2: Redis goes away while webhooks arrive, and comes back. Everything (receiver, worker process,
// queues, state) runs on a private redis-server with append-only persistence; mid-burst it is shut
// down (SHUTDOWN NOSAVE: unreachable, what it acknowledged kept on disk), the receiver answers 503
// and the sandbox retries with back-off like HubSpot; it is started again on the same port and
// directory, and every event must end up processed: 0 lost.
import { runChangeScript } from '../support/change-script.ts';
import { emptyRow, type FaultRow } from '../support/fault-row.ts';
import { startFaultStage } from '../support/fault-stage.ts';
import { measureBurst, startBurst, verifyFinal } from '../support/measure.ts';
import { privateRedis } from '../../support/private-redis.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';
import type { ScenarioOptions } from './scenario-options.ts';

export interface RedisRestartResult {
  row: FaultRow;
  /** Events in POSTs the receiver refused (503) while Redis was away. */
  refused: number;
  outageMs: number;
}

export async function runRedisRestart(o: ScenarioOptions & { outageMs: number }): Promise<RedisRestartResult> {
  const redis = await privateRedis();
  try {
    const stage = await startFaultStage({ redisUrl: redis.url, prefix: o.prefix('r2'), companies: o.companies, seed: o.seed, workers: 1, flushDelayMs: 300, webhookRetryDelayMs: 100 });
    try {
      const row = emptyRow('R2', 'Redis shut down and restarted mid-burst');
      startBurst(stage);
      let downAt = 0;
      let outageMs = 0;
      const script = await runChangeScript(stage.sandbox, {
        events: o.events, seed: o.seed, eventsPerTick: 100, tickMs: 50,
        onProgress: async (fired) => {
          if (!downAt && fired >= o.events * 0.3) {
            downAt = Date.now();
            await redis.shutdown();
          } else if (downAt && !outageMs && fired >= o.events * 0.6) {
            // Down long enough for refusals, retries and the worker's reconnect attempts to pile up.
            await waitFor(() => stage.delivery.refused > 0, 'the receiver refuses a batch while Redis is away', 30_000);
            await sleep(Math.max(0, o.outageMs - (Date.now() - downAt)));
            outageMs = Date.now() - downAt;
            await redis.start();
          }
        },
      });
      await measureBurst(stage, row, script);
      row.notes.push(`Redis away ${Math.round(outageMs / 100) / 10} s; ${stage.delivery.refused} events refused meanwhile (503) and delivered again by the sender's retries`);
      await verifyFinal(stage, row, script);
      return { row, refused: stage.delivery.refused, outageMs };
    } finally {
      await stage.close();
    }
  } finally {
    await redis.dispose();
  }
}
