/**
 * The benchmark contract: each `bench/*.bench.ts` file exports `benchmarks`, a list of named
 * measurements; `npm run bench` runs them and prints a table, or JSON lines with `--json`.
 */

/** One measurement. run() does the work and returns the figure in `unit` (higher or lower is better as the unit says). */
export interface Benchmark {
  /** e.g. "store/create-pods-100k", "scheduler/SchedulingBasic/5000Nodes". */
  name: string;
  /** e.g. "objects/s", "pods/s", "ms". */
  unit: string;
  run(): number | Promise<number>;
}

/**
 * Wall-clock milliseconds for fn (benchmarks measure real time; the engine never does). With
 * BENCH_CPU=1 it is the process's CPU time instead, steadier on a machine busy with other work.
 */
export function timeMs(fn: () => void): number {
  if (process.env.BENCH_CPU === "1") {
    const start = process.cpuUsage();
    fn();
    const d = process.cpuUsage(start);
    return (d.user + d.system) / 1000;
  }
  const start = performance.now();
  fn();
  return performance.now() - start;
}
