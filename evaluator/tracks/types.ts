import type { MetricFormat } from "@/lib/metric-format";
import type { BenchmarkSpec, Partition } from "@/lib/benchmark-spec";
import type { Manifest } from "@/lib/manifest";
import type { VersionSecrets } from "@/lib/private-seeds";
import type { SandboxSession } from "@/evaluator/sandbox";

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

/** The part of a sandbox session a track uses: request → reply (throws UserCodeError when the code under evaluation fails). */
export type TrackSession = Pick<SandboxSession, "request">;

/**
 * How far a unit has got: `done` of `total` (episodes, steps: the track's own unit of work), and what else the track
 * wants shown while it runs (Atari: steps, episodes, recent returns). The worker stores it as JSON on the unit.
 */
export type UnitProgress = { done: number; total: number; detail?: Record<string, unknown> };

export type RunUnitContext<S extends BenchmarkSpec = BenchmarkSpec> = {
  spec: S;
  /** The version's private seeds (server-side only: a driver uses them for the environment, never sends them); null for versions whose spec names them. */
  secrets?: VersionSecrets | null;
  unit: UnitPlan;
  /** The submission's validated manifest (sent to the runtime at init). */
  manifest: Manifest;
  session: TrackSession;
  /**
   * Starts another sandbox of the same bundle, for a track that starts each task afresh (`isolation: task`); the
   * track closes it. The worker keeps its log with the unit's.
   */
  startSession?(): Promise<TrackSession & { close(): Promise<unknown> }>;
  onProgress(progress: UnitProgress): void;
  signal: AbortSignal;
};

/**
 * A track: how a benchmark's evaluation splits into units, how one unit runs (the trusted side of the protocol: it
 * owns the data and computes every score), and how a partition's rows aggregate.
 */
export type Track<S extends BenchmarkSpec = BenchmarkSpec> = {
  planUnits(spec: S): UnitPlan[];
  runUnit(context: RunUnitContext<S>): Promise<ResultRow[]>;
  /** `rows` are the raw results of ONE partition. */
  aggregate(spec: S, rows: ResultRow[]): AggregateRow[];
  metrics: MetricColumn[];
};
