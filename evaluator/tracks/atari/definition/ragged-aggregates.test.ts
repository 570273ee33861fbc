import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "@/lib/core/random";
import { resampleWithinTasks } from "@/evaluator/metrics/stratified-bootstrap";
import { aggregateRuns, gameColumns, resampleGames } from "./scoring";

// While a submission is in flight (or a game lost a run) the games have different numbers of finished runs.
const run = (game: string, seed: number, hns: number) => ({ game, seed, meanReturn: hns, hns });

test("a ragged matrix: every finished run counts, each game averages its own runs, intervals resample within games", () => {
  // Pong: three runs (0.1, 0.5, 0.9); Breakout: one run (2.0), the others still running.
  const runs = [run("Pong", 1, 0.1), run("Pong", 2, 0.5), run("Pong", 3, 0.9), run("Breakout", 1, 2.0)];
  const a = Object.fromEntries(aggregateRuns(runs, 2000).map((r) => [r.metric, r]));
  // IQM pools the four runs: sorted 0.1, 0.5, 0.9, 2.0, trim ⌊1⌋ each end → mean(0.5, 0.9).
  assert.ok(Math.abs(a.iqm!.value - 0.7) < 1e-12);
  // Per-game means: Breakout 2.0, Pong 0.5 → mean 1.25, median 1.25.
  assert.ok(Math.abs(a.mean!.value - 1.25) < 1e-12);
  assert.ok(Math.abs(a.median!.value - 1.25) < 1e-12);
  // 1 − mean(min(s, 1)) over the four runs = 1 − (0.1 + 0.5 + 0.9 + 1) / 4.
  assert.ok(Math.abs(a.optimalityGap!.value - (1 - 2.5 / 4)) < 1e-12);
  assert.equal(a.games!.value, 2);
  assert.equal(a.iqm!.n, 4);
  // Breakout's single run is always redrawn as itself: the mean's interval is Pong's spread halved, shifted by 1.
  assert.ok(
    a.mean!.ciLow! >= (0.1 + 2) / 2 - 1e-12 && a.mean!.ciHigh! <= (0.9 + 2) / 2 + 1e-12,
    `${a.mean!.ciLow}, ${a.mean!.ciHigh}`,
  );
  assert.ok(a.mean!.ciLow! < a.mean!.value && a.mean!.value < a.mean!.ciHigh!);
});

test("on games with equal run counts the resampling draws exactly as rliable's stratified bootstrap on the matrix", () => {
  const runs = ["Alien", "Pong", "Qbert"].flatMap((game, g) =>
    [1, 2, 3, 4].map((seed) => run(game, seed, g * 10 + seed)),
  );
  const columns = gameColumns(runs);
  const matrix = [0, 1, 2, 3].map((r) => columns.map((c) => c[r]!));
  const [mine, theirs] = [createRng(42), createRng(42)];
  for (let k = 0; k < 5; k++) {
    const resampled = resampleGames(columns, mine);
    const expected = resampleWithinTasks(matrix, theirs);
    assert.deepEqual(
      resampled,
      columns.map((_, g) => expected.map((row) => row[g]!)),
    );
  }
});
