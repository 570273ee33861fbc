import { createRng } from "@/lib/core/random";
import { probabilityOfImprovement } from "@/evaluator/metrics/probability-of-improvement";
import {
  percentileInterval,
  replicate,
  stratifiedBootstrapPairInterval,
  type Interval,
} from "@/evaluator/metrics/stratified-bootstrap";

/** Bootstrap replications, as rliable uses for probability of improvement; a fixed seed keeps the page stable. */
const REPS = 2000;
const SEED = 20240607;

export type Improvement = {
  estimate: number;
  interval: Interval;
  method: "paired-episodes" | "stratified-runs";
  n: number;
};

/** Per-pair score: 1 when x beat y on that episode, ½ for a tie, 0 otherwise. */
const win = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);

/**
 * P(X > Y) over paired observations (few-shot: both entries saw the identical episode i): the mean of win(x_i, y_i),
 * with a 95% percentile interval from resampling episode indices, the same indices for both entries, so the pairing
 * is kept. Inputs: equal-length arrays aligned by episode.
 */
export function pairedImprovement(x: readonly number[], y: readonly number[]): Improvement {
  if (x.length !== y.length || x.length === 0)
    throw new RangeError(`paired scores need the same episodes: ${x.length} vs ${y.length}`);
  const wins = Float64Array.from(x, (xv, i) => win(xv, y[i]!));
  const n = wins.length;
  const rng = createRng(SEED);
  // One resample: n episode indices drawn with replacement, summed as drawn (no index array: this loop is the page's cost).
  const resampledMean = () => {
    let total = 0;
    for (let k = 0; k < n; k++) total += wins[rng.int(n)]!;
    return total / n;
  };
  const estimate = wins.reduce((s, w) => s + w, 0) / n;
  return {
    estimate,
    interval: percentileInterval(replicate({ reps: REPS, rng }, resampledMean)),
    method: "paired-episodes",
    n,
  };
}

/**
 * P(X > Y) as rliable computes it for independent runs (Atari seeds, Meta-World runs): Mann-Whitney per task,
 * averaged over tasks, with a stratified independent bootstrap interval. Inputs: runs × tasks matrices.
 */
export function stratifiedImprovement(x: number[][], y: number[][]): Improvement {
  const rng = createRng(SEED);
  return {
    estimate: probabilityOfImprovement(x, y),
    interval: stratifiedBootstrapPairInterval(x, y, probabilityOfImprovement, { reps: REPS, rng }),
    method: "stratified-runs",
    n: Math.min(x.length, y.length),
  };
}
