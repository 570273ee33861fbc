import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResultRow } from "../../types";
import { aggregateRuns, runScores } from "./scoring";

const row = (task: string, seed: number, ret: number): ResultRow => ({
  index: 0,
  task,
  metrics: { return: ret, seed, hns: 0, steps: 1 },
});

test("runScores refuses a game outside the Atari 100K table with a RangeError naming it", () => {
  // Pong: random −20.7, human 14.6 → a return of −20.7 + 35.3 / 2 is half of human level.
  assert.equal(runScores([row("Pong", 1, -20.7 + 35.3 / 2)])[0]!.hns, 0.5);
  assert.throws(() => runScores([row("Pong", 1, 0), row("Pongg", 2, 0)]), {
    name: "RangeError",
    message: '"Pongg" is not one of the 26 Atari 100K games',
  });
  assert.throws(() => runScores([row("constructor", 1, 0)]), /"constructor" is not one of the 26 Atari 100K games/);
});

test("aggregateRuns names the game and seed of a NaN run", () => {
  const run = (game: string, seed: number, hns: number) => ({ game, seed, meanReturn: hns, hns });
  // Two finished runs, 0.5 and 1.5: the mean of the per-game means is 1.
  const mean = aggregateRuns([run("Pong", 1, 0.5), run("Breakout", 3, 1.5)], 10).find((r) => r.metric === "mean");
  assert.equal(mean?.value, 1);
  assert.throws(() => aggregateRuns([run("Pong", 1, 0.5), run("Breakout", 3, Number.NaN)], 10), {
    name: "RangeError",
    message: "Breakout seed 3: the human-normalized score is NaN, not a finite number",
  });
});
