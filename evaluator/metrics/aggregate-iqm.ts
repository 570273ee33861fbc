import { checkScoreMatrix, pooledScores, type ScoreMatrix } from "./score-matrix";
import { trimMean } from "./trim-mean";

/**
 * rliable `aggregate_iqm`: interquartile mean, the 25% trimmed mean of ALL runs × tasks scores pooled
 * (scipy `trim_mean(scores, 0.25, axis=None)`). Input: runs × tasks.
 */
export function aggregateIqm(scores: ScoreMatrix): number {
  checkScoreMatrix(scores);
  return trimMean(pooledScores(scores), 0.25);
}
