// What every benchmark module returns: named figures, each with its unit and, where one exists,
// the baseline measured in the same run and the goal from quality.md.

export interface BenchRow {
  figure: string;
  value: number;
  unit: string;
  /** The naive design or the lower bound, measured in the same run. */
  baseline?: number;
  /** The goal as quality.md states it, e.g. "≥ 200,000 /s". */
  goal?: string;
}

export interface BenchResult {
  name: string;
  rows: BenchRow[];
}

/** A benchmark module: bench/<name>.bench.ts with `export default async () => BenchResult`. */
export type Bench = () => Promise<BenchResult>;
