import { checkScoreMatrix, pooledScores, type ScoreMatrix } from "./score-matrix";
import { percentileInterval, replicate, resampleWithinTasks, type BootstrapOptions } from "./stratified-bootstrap";

export type ProfilePoint = { tau: number; value: number; low: number; high: number };

/**
 * rliable's run-score distribution `np.mean(scores > τ)`: the fraction of ALL runs × tasks scores strictly above τ.
 * Input: runs × tasks.
 */
export function fractionAbove(scores: ScoreMatrix, tau: number): number {
  checkScoreMatrix(scores);
  checkTaus([tau]);
  return pooledFractionAbove(scores, tau);
}

/** fractionAbove on a matrix already checked (the bootstrap's replicates, drawn from a checked matrix). */
function pooledFractionAbove(scores: ScoreMatrix, tau: number): number {
  const all = pooledScores(scores);
  let above = 0;
  for (const v of all) if (v > tau) above++;
  return above / all.length;
}

/** NaN compares false with everything: a NaN threshold would report no score above it. */
function checkTaus(taus: readonly number[]): void {
  taus.forEach((tau, i) => {
    if (!Number.isFinite(tau)) throw new RangeError(`tau ${i} is ${tau}, not a finite number`);
  });
}

/**
 * The bootstrap distribution of the profile: for each τ (in order), the fraction above τ on each of `reps`
 * stratified replicates, every τ on the same replicates as rliable's vector statistic. Input: runs × tasks.
 */
export function profileReplicates(scores: ScoreMatrix, taus: readonly number[], options: BootstrapOptions): number[][] {
  checkScoreMatrix(scores);
  checkTaus(taus);
  const replicates = replicate(options, () => {
    const resampled = resampleWithinTasks(scores, options.rng);
    return taus.map((tau) => pooledFractionAbove(resampled, tau));
  });
  return taus.map((_, i) => replicates.map((r) => r[i]!));
}

/**
 * rliable `create_performance_profile` (score distributions, percentile method): for each τ the fraction of runs
 * above τ, with a stratified bootstrap interval per τ. Input: runs × tasks; taus in any order.
 */
export function performanceProfile(
  scores: ScoreMatrix,
  taus: readonly number[],
  options: BootstrapOptions,
): ProfilePoint[] {
  const replicates = profileReplicates(scores, taus, options);
  return taus.map((tau, i) => ({
    tau,
    value: fractionAbove(scores, tau),
    ...percentileInterval(replicates[i]!, options.size),
  }));
}
