import { perTaskMeans, sum, type ScoreMatrix } from "./score-matrix";

/** rliable `aggregate_mean`: the mean over tasks of each task's mean over runs. Input: runs × tasks. */
export function aggregateMean(scores: ScoreMatrix): number {
  const means = perTaskMeans(scores);
  return sum(means) / means.length;
}
