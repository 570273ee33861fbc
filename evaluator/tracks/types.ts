import type { MetricFormat } from "@/lib/metric-format";
import type { BenchmarkSpec, Partition } from "@/lib/benchmark-spec";

/** One independently runnable piece of a submission's evaluation (few-shot: a partition; Atari: a game × seed). */
export type UnitPlan = { key: string; partition: Partition };

/** One raw result: an episode, a run or a task. `task` groups rows for stratified statistics ("" when none). */
export type ResultRow = { index: number; task: string; metrics: Record<string, number> };

/** One aggregate metric of one partition, with its 95% interval where the statistic has one. */
export type AggregateRow = { metric: string; value: number; ciLow: number | null; ciHigh: number | null; n: number };

/** A leaderboard column. Exactly one per track is `primary` (the ranking metric). */
export type MetricColumn = {
  name: string;
  label: string;
  higherIsBetter: boolean;
  /** "percent": a fraction shown as a percentage; "number": shown with 3 decimals. */
  format: MetricFormat;
  primary: boolean;
};

/**
 * What the site, the domain and the bundle checker know of a track: how a benchmark's evaluation splits into units,
 * how a partition's rows aggregate, and the leaderboard's columns. Light: no driver, no environment, no sandbox.
 */
export type TrackDefinition<S extends BenchmarkSpec = BenchmarkSpec> = {
  planUnits(spec: S): UnitPlan[];
  /** `rows` are the raw results of ONE partition. */
  aggregate(spec: S, rows: ResultRow[]): AggregateRow[];
  metrics: MetricColumn[];
  /**
   * Why a no-code bundle whose model declares this per-example input shape cannot be fed by the benchmark (a
   * message naming what it feeds), or undefined when it can. Absent: the track does not check.
   */
  modelInputProblem?(spec: S, inputShape: readonly number[]): string | undefined;
};
