import { perTaskMeans, type ScoreMatrix } from "./score-matrix";

/** rliable `aggregate_median`: the median over tasks of each task's mean over runs (even count: mean of the middle two). Input: runs × tasks. */
export function aggregateMedian(scores: ScoreMatrix): number {
  const means = perTaskMeans(scores).sort((a, b) => a - b);
  const mid = means.length >> 1;
  return means.length % 2 === 1 ? means[mid]! : (means[mid - 1]! + means[mid]!) / 2;
}
