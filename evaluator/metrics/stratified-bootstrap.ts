import { checkScoreMatrix, type ScoreMatrix } from "./score-matrix";

/** The randomness a bootstrap needs: an integer uniform in [0, n). Pass a seeded generator for repeatable intervals. */
export type IndexSampler = { int(n: number): number };

export type BootstrapOptions = {
  /** Bootstrap replications (rliable: 50,000 for aggregates, 2,000 for profiles and probability of improvement). */
  reps: number;
  rng: IndexSampler;
  /** Coverage of the two-sided interval; 0.95 by default. */
  size?: number;
};

export type Interval = { low: number; high: number };

/**
 * One stratified bootstrap replicate (rliable's StratifiedBootstrap): for each task independently, draw as many runs
 * as there are, with replacement, from that task's own runs. Input and output: runs × tasks.
 */
export function resampleWithinTasks(scores: ScoreMatrix, rng: IndexSampler): number[][] {
  const runs = scores.length;
  const tasks = scores[0]!.length;
  const out = Array.from({ length: runs }, () => new Array<number>(tasks));
  for (let t = 0; t < tasks; t++) for (let r = 0; r < runs; r++) out[r]![t] = scores[rng.int(runs)]![t]!;
  return out;
}

/** `statistic` on `reps` stratified bootstrap replicates of one runs × tasks matrix (the bootstrap distribution). */
export function stratifiedReplicates(
  scores: ScoreMatrix,
  statistic: (s: ScoreMatrix) => number,
  options: BootstrapOptions,
): number[] {
  checkScoreMatrix(scores);
  return replicate(options, () => statistic(resampleWithinTasks(scores, options.rng)));
}

/**
 * The same for a statistic of two matrices (probability of improvement): each resampled within tasks independently
 * of the other, as rliable's StratifiedIndependentBootstrap.
 */
export function stratifiedPairReplicates(
  x: ScoreMatrix,
  y: ScoreMatrix,
  statistic: (x: ScoreMatrix, y: ScoreMatrix) => number,
  options: BootstrapOptions,
): number[] {
  checkScoreMatrix(x, "x");
  checkScoreMatrix(y, "y");
  return replicate(options, () => statistic(resampleWithinTasks(x, options.rng), resampleWithinTasks(y, options.rng)));
}

/**
 * Percentile-method interval of `statistic` over stratified bootstrap replicates, as rliable's
 * `get_interval_estimates(..., method="percentile")`: the (1 − size)/2 and (1 + size)/2 quantiles of the replicated
 * statistic, with numpy's default (linear) quantile interpolation. Input: runs × tasks.
 */
export function stratifiedBootstrapInterval(
  scores: ScoreMatrix,
  statistic: (s: ScoreMatrix) => number,
  options: BootstrapOptions,
): Interval {
  return percentileInterval(stratifiedReplicates(scores, statistic, options), options.size);
}

/** Percentile interval of a statistic of two runs × tasks matrices (see stratifiedPairReplicates). */
export function stratifiedBootstrapPairInterval(
  x: ScoreMatrix,
  y: ScoreMatrix,
  statistic: (x: ScoreMatrix, y: ScoreMatrix) => number,
  options: BootstrapOptions,
): Interval {
  return percentileInterval(stratifiedPairReplicates(x, y, statistic, options), options.size);
}

/** The `reps` values of one replicated statistic (a vector statistic gives one array per replicate). */
export function replicate<T>(options: BootstrapOptions, draw: () => T): T[] {
  if (!Number.isInteger(options.reps) || options.reps < 1)
    throw new RangeError(`reps must be a positive integer, got ${options.reps}`);
  return Array.from({ length: options.reps }, draw);
}

/** The two-sided percentile interval of `values` (at least one, all finite: NaN would sort anywhere) with coverage `size`. */
export function percentileInterval(values: readonly number[], size = 0.95): Interval {
  if (!(size > 0 && size < 1)) throw new RangeError(`interval size must be in (0, 1), got ${size}`);
  if (values.length === 0) throw new RangeError("no values to take a percentile interval of");
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`value ${i} is ${v}, not a finite number`);
  });
  const sorted = [...values].sort((a, b) => a - b);
  return { low: quantile(sorted, (1 - size) / 2), high: quantile(sorted, (1 + size) / 2) };
}

/** numpy.percentile's default ("linear") quantile q ∈ [0, 1] of already sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
