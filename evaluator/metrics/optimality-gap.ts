import { checkScoreMatrix, pooledScores, sum, type ScoreMatrix } from "./score-matrix";

/**
 * rliable `aggregate_optimality_gap`: γ − mean(min(score, γ)) over ALL runs × tasks scores pooled, γ = 1 by
 * default (human level for human-normalized scores). Input: runs × tasks.
 */
export function optimalityGap(scores: ScoreMatrix, gamma = 1): number {
  checkScoreMatrix(scores);
  if (!Number.isFinite(gamma)) throw new RangeError(`gamma is ${gamma}, not a finite number`);
  const clipped = pooledScores(scores).map((v) => Math.min(v, gamma));
  return gamma - sum(clipped) / clipped.length;
}
