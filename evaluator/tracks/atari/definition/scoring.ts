import { createRng, mixSeed } from "@/lib/core/random";
import { aggregateIqm } from "@/evaluator/metrics/aggregate-iqm";
import { aggregateMean } from "@/evaluator/metrics/aggregate-mean";
import { aggregateMedian } from "@/evaluator/metrics/aggregate-median";
import { optimalityGap } from "@/evaluator/metrics/optimality-gap";
import { pooledScores, sum } from "@/evaluator/metrics/score-matrix";
import { percentileInterval, replicate, type IndexSampler } from "@/evaluator/metrics/stratified-bootstrap";
import type { AggregateRow, ResultRow } from "../../types";
import { ATARI_GAMES, humanNormalizedScore, type AtariGame } from "./games";

/** Index of the first learning-episode row of a unit; evaluation episodes take 0 … evalEpisodes − 1 below it. */
export const LEARNING_ROW_OFFSET = 1_000_000;

/**
 * Stratified-bootstrap replications behind every aggregate interval. rliable's default is 50,000; at 10,000 the Monte
 * Carlo spread of a 95% endpoint is well under 1% of the interval's width (rliable's own spread on the 26-game fixture,
 * scaled), and aggregating 26 games × 5 seeds takes a fifth of the time (bench/atari-aggregation.ts) — it runs inside
 * the transaction that marks the submission scored.
 */
export const AGGREGATE_REPS = 10_000;

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
    if (!Object.hasOwn(ATARI_GAMES, row.task))
      throw new RangeError(`"${row.task}" is not one of the 26 Atari 100K games`);
    // A secret-seeded run is told apart by its place (`run`), its seed never stored.
    const seed = row.metrics.seed ?? row.metrics.run ?? 0;
    const key = `${row.task}/${seed}`;
    const run = runs.get(key) ?? { game: row.task, seed, sum: 0, n: 0 };
    run.sum += value;
    run.n++;
    runs.set(key, run);
  }
  return [...runs.values()].map(({ game, seed, sum, n }) => ({
    game,
    seed,
    meanReturn: sum / n,
    hns: humanNormalizedScore(game as AtariGame, sum / n),
  }));
}

/**
 * The runs × games matrix of HNS as one array per game (games in name order, each game's runs in seed order). The
 * arrays may differ in length: while a submission is in flight, or when a game lost a run, some games have fewer
 * finished seeds than others. Nothing is padded or dropped; every statistic below is defined on the games as they are.
 */
export type GameColumns = number[][];

export function gameColumns(runs: RunScore[]): GameColumns {
  const perGame = new Map<string, RunScore[]>();
  for (const run of runs) perGame.set(run.game, [...(perGame.get(run.game) ?? []), run]);
  return [...perGame.keys()].sort().map((game) =>
    perGame
      .get(game)!
      .sort((a, b) => a.seed - b.seed)
      .map((r) => r.hns),
  );
}

export const STATISTIC_NAMES = ["iqm", "median", "mean", "optimalityGap"] as const;

/**
 * rliable's four aggregates, in STATISTIC_NAMES order, written over game columns so that a ragged matrix needs no
 * special case: IQM and optimality gap pool all runs of all games (passed as one pooled row, which those statistics
 * flatten anyway); median and mean take the per-game means (one row of games). On a rectangular matrix each equals
 * rliable's function of it up to the order of summation (rliable-aggregates.test.ts checks against rliable's outputs).
 */
export function atariStatistics(columns: GameColumns): number[] {
  const all = pooledScores(columns);
  const means = columns.map((c) => sum(c) / c.length);
  return [aggregateIqm([all]), aggregateMedian([means]), aggregateMean([means]), optimalityGap([all])];
}

/**
 * One stratified bootstrap replicate: each game's runs resampled with replacement from that game's own runs, as many
 * as it has — rliable's StratifiedBootstrap, stratum by stratum, so a game with fewer finished runs is resampled at
 * its own size. On equal-length columns it draws exactly as `resampleWithinTasks` does on the matrix.
 */
export function resampleGames(columns: GameColumns, rng: IndexSampler): GameColumns {
  return columns.map((column) => {
    const out = new Array<number>(column.length);
    for (let i = 0; i < column.length; i++) out[i] = column[rng.int(column.length)]!;
    return out;
  });
}

/**
 * The bootstrap seed of a partition: a hash of its runs (game, seed and the bits of each mean return), so
 * re-aggregating the same results, or recomputing them from the open data, gives the identical interval.
 */
export function bootstrapSeed(runs: RunScore[]): number {
  const words: number[] = [];
  const bits = new Uint32Array(2);
  const asFloat = new Float64Array(bits.buffer);
  for (const run of [...runs].sort((a, b) => a.game.localeCompare(b.game) || a.seed - b.seed)) {
    for (let i = 0; i < run.game.length; i++) words.push(run.game.charCodeAt(i));
    asFloat[0] = run.meanReturn;
    words.push(run.seed, bits[0]!, bits[1]!);
  }
  return mixSeed(...words);
}

/**
 * Aggregates of one partition over the runs × games matrix of HNS, as rliable defines them — IQM, median, mean and
 * optimality gap (γ = 1) — each with a 95% percentile interval from `reps` stratified bootstrap replicates (all four
 * statistics on the same replicates), seeded from the runs themselves; plus `games`, the number of games with at
 * least one finished run. `n` is the number of runs.
 */
export function aggregateRuns(runs: RunScore[], reps = AGGREGATE_REPS): AggregateRow[] {
  if (runs.length === 0) return [];
  // Named here by game and seed: past this point a bad score is only a cell of the pooled matrix.
  for (const run of runs) {
    if (!Number.isFinite(run.hns))
      throw new RangeError(
        `${run.game} seed ${run.seed}: the human-normalized score is ${run.hns}, not a finite number`,
      );
  }
  const columns = gameColumns(runs);
  const rng = createRng(bootstrapSeed(runs));
  const replicates = replicate({ reps, rng }, () => atariStatistics(resampleGames(columns, rng)));
  const values = atariStatistics(columns);
  const n = runs.length;
  return [
    ...STATISTIC_NAMES.map((metric, k): AggregateRow => {
      const { low, high } = percentileInterval(replicates.map((r) => r[k]!));
      return { metric, value: values[k]!, ciLow: low, ciHigh: high, n };
    }),
    { metric: "games", value: columns.length, ciLow: null, ciHigh: null, n },
  ];
}
