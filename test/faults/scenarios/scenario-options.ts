// What every scenario is told: where Redis is, how big to run, and how to name its key prefix.
export interface ScenarioOptions {
  /** The shared Redis (scenarios that stop Redis start their own). */
  redisUrl: string;
  companies: number;
  /** Webhook events the burst fires. */
  events: number;
  seed: number;
  /** A fresh QUEUE_PREFIX hash tag for one stage, e.g. `{faults-r7w1-3f9a}`. */
  prefix: (name: string) => string;
  /** Also run the same burst without faults and report the calls the faults cost (slower). */
  baseline?: boolean;
}

export function prefixer(runId: string): (name: string) => string {
  return (name) => `{faults-${name}-${runId}}`;
}
