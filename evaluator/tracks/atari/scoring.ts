import type { AggregateRow, ResultRow } from "../types";
import { humanNormalizedScore, type AtariGame } from "./games";

/** Index of the first learning-episode row of a unit; evaluation episodes take 0 … evalEpisodes − 1 below it. */
export const LEARNING_ROW_OFFSET = 1_000_000;

/** A run's score matrix entry: one (game, seed) and its mean evaluation return. */
export type RunScore = { game: string; seed: number; meanReturn: number; hns: number };

/**
 * The runs of one partition from its raw rows: evaluation-episode rows (metrics `return`, `hns`, `seed`) grouped by
 * (game, seed); a run's score is its mean evaluation return, normalized by the game's random and human scores.
 * Learning-episode rows (metric `learningReturn`) are the learning curve and take no part.
 */
export function runScores(rows: ResultRow[]): RunScore[] {
  const runs = new Map<string, { game: string; seed: number; sum: number; n: number }>();
  for (const row of rows) {
    const value = row.metrics.return;
    if (value === undefined) continue;
    const seed = row.metrics.seed ?? 0;
    const key = `${row.task}/${seed}`;
    const run = runs.get(key) ?? { game: row.task, seed, sum: 0, n: 0 };
    run.sum += value;
    run.n++;
    runs.set(key, run);
  }
  return [...runs.values()].map(({ game, seed, sum, n }) => ({ game, seed, meanReturn: sum / n, hns: humanNormalizedScore(game as AtariGame, sum / n) }));
}

/**
 * Point estimates over the runs × games matrix of HNS, as rliable defines them: IQM over all runs pooled (25%
 * trimmed mean, scipy's trim_mean), median and mean of the per-game means, optimality gap at γ = 1.
 * Stratified-bootstrap intervals are left to the statistics module (ciLow/ciHigh null until then).
 */
export function aggregateRuns(runs: RunScore[]): AggregateRow[] {
  if (runs.length === 0) return [];
  const scores = runs.map((r) => r.hns);
  const perGame = new Map<string, number[]>();
  for (const run of runs) perGame.set(run.game, [...(perGame.get(run.game) ?? []), run.hns]);
  const gameMeans = [...perGame.values()].map(mean);
  const n = runs.length;
  const row = (metric: string, value: number): AggregateRow => ({ metric, value, ciLow: null, ciHigh: null, n });
  return [
    row("iqm", trimmedMean(scores, 0.25)),
    row("median", median(gameMeans)),
    row("mean", mean(gameMeans)),
    row("optimalityGap", 1 - mean(scores.map((s) => Math.min(s, 1)))),
    row("games", perGame.size),
  ];
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** scipy.stats.trim_mean: drop floor(proportion · n) values from each end of the sorted sample, average the rest. */
export function trimmedMean(values: number[], proportion: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(proportion * sorted.length);
  return mean(sorted.slice(cut, sorted.length - cut));
}
