/**
 * Cost of aggregating one Atari 100K partition (evaluator/tracks/atari/scoring.ts): IQM, median, mean and optimality
 * gap with stratified-bootstrap 95% intervals over a runs × games matrix of HNS. It runs inside the transaction that
 * marks a submission scored, so it has to stay short.
 *
 *   npx tsx bench/atari-aggregation.ts [--games 26] [--seeds 5] [--repeats 5]
 *
 * Reference measured in the same run: the same aggregation at rliable's default of 50,000 replications; the ratio is
 * what AGGREGATE_REPS saves.
 */
import { parseArgs } from "node:util";
import { createRng } from "@/lib/core/random";
import { ATARI_GAME_NAMES } from "@/evaluator/tracks/atari/definition/games";
import { AGGREGATE_REPS, aggregateRuns, type RunScore } from "@/evaluator/tracks/atari/definition/scoring";

const { values } = parseArgs({
  options: {
    games: { type: "string", default: "26" },
    seeds: { type: "string", default: "5" },
    repeats: { type: "string", default: "5" },
  },
});
const games = Number(values.games),
  seeds = Number(values.seeds),
  repeats = Number(values.repeats);
const RLIABLE_REPS = 50_000;

const rng = createRng(3);
const runs: RunScore[] = ATARI_GAME_NAMES.slice(0, games).flatMap((game) =>
  Array.from({ length: seeds }, (_, s) => {
    const hns = Math.exp(rng.normal() - 1.5);
    return { game, seed: s + 1, meanReturn: hns, hns };
  }),
);

/** Median wall time of one aggregation in ms, after a warm-up. */
function time(reps: number): number {
  aggregateRuns(runs, reps);
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    aggregateRuns(runs, reps);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1]!;
}

const ours = time(AGGREGATE_REPS);
const reference = time(RLIABLE_REPS);
console.log(`atari aggregation, ${games} games × ${seeds} seeds, median of ${repeats}`);
console.log(
  `  ${AGGREGATE_REPS} reps (AGGREGATE_REPS): ${ours.toFixed(1)} ms (${((1000 * ours) / AGGREGATE_REPS).toFixed(1)} µs per replicate)`,
);
console.log(`  ${RLIABLE_REPS} reps (rliable's default, reference): ${reference.toFixed(1)} ms`);
console.log(`  ratio ours / reference: ${(ours / reference).toFixed(3)}`);
