import assert from "node:assert/strict";
import { test } from "node:test";
import type { ResultRow } from "../../types";
import { ATARI_GAMES, humanNormalizedScore } from "./games";
import { aggregateRuns, LEARNING_ROW_OFFSET, runScores } from "./scoring";

test("human-normalized score uses the reference table", () => {
  assert.equal(humanNormalizedScore("Pong", -20.7), 0);
  assert.equal(humanNormalizedScore("Pong", 14.6), 1);
  assert.ok(Math.abs(humanNormalizedScore("Breakout", 1.7 + (30.5 - 1.7) / 2) - 0.5) < 1e-12);
  assert.equal(Object.keys(ATARI_GAMES).length, 26);
});

test("runs are the mean evaluation return per (game, seed); learning rows take no part", () => {
  const row = (index: number, task: string, seed: number, ret: number): ResultRow => ({
    index,
    task,
    metrics: { return: ret, seed, hns: 0, steps: 1 },
  });
  const rows = [
    row(0, "Pong", 1, -21),
    row(1, "Pong", 1, -19),
    row(0, "Pong", 2, 14.6),
    { index: LEARNING_ROW_OFFSET, task: "Pong", metrics: { learningReturn: 100, seed: 1, steps: 5, step: 5 } },
    row(0, "Breakout", 1, 1.7),
  ];
  const runs = runScores(rows);
  assert.deepEqual(
    runs.map((r) => [r.game, r.seed, r.meanReturn]),
    [
      ["Pong", 1, -20],
      ["Pong", 2, 14.6],
      ["Breakout", 1, 1.7],
    ],
  );
  assert.ok(Math.abs(runs[0]!.hns - 0.7 / 35.3) < 1e-12);
});

test("aggregates over a hand-computed runs × games matrix", () => {
  // HNS: Pong runs 0.2, 0.4, 1.5; Breakout runs 0, 0.6, 0.9.
  const runs = [
    { game: "Pong", seed: 1, meanReturn: 0, hns: 0.2 },
    { game: "Pong", seed: 2, meanReturn: 0, hns: 0.4 },
    { game: "Pong", seed: 3, meanReturn: 0, hns: 1.5 },
    { game: "Breakout", seed: 1, meanReturn: 0, hns: 0 },
    { game: "Breakout", seed: 2, meanReturn: 0, hns: 0.6 },
    { game: "Breakout", seed: 3, meanReturn: 0, hns: 0.9 },
  ];
  const a = Object.fromEntries(aggregateRuns(runs).map((r) => [r.metric, r.value]));
  // Pooled sorted: 0, 0.2, 0.4, 0.6, 0.9, 1.5; trim floor(1.5)=1 each end → mean(0.2, 0.4, 0.6, 0.9) = 0.525.
  assert.ok(Math.abs(a.iqm! - 0.525) < 1e-12);
  // Per-game means: Pong 0.7, Breakout 0.5 → mean 0.6, median 0.6.
  assert.ok(Math.abs(a.mean! - 0.6) < 1e-12);
  assert.ok(Math.abs(a.median! - 0.6) < 1e-12);
  // 1 − mean(min(s, 1)) = 1 − (0.2 + 0.4 + 1 + 0 + 0.6 + 0.9) / 6 = 1 − 3.1/6.
  assert.ok(Math.abs(a.optimalityGap! - (1 - 3.1 / 6)) < 1e-12);
  assert.equal(a.games, 2);
  assert.deepEqual(aggregateRuns([]), []);
});

test("every aggregate's interval holds its point estimate, and the same runs give the same interval", () => {
  const runs = ["Pong", "Breakout", "Qbert"].flatMap((game, g) =>
    [1, 2, 3, 4, 5].map((seed) => ({ game, seed, meanReturn: seed * 10 + g, hns: Math.sin(seed * 7 + g * 3) + 0.5 })),
  );
  const first = aggregateRuns(runs, 2000);
  for (const row of first.filter((r) => r.metric !== "games")) {
    assert.ok(row.ciLow !== null && row.ciHigh !== null, `${row.metric} has an interval`);
    assert.ok(
      row.ciLow <= row.value && row.value <= row.ciHigh,
      `${row.metric}: ${row.ciLow} ≤ ${row.value} ≤ ${row.ciHigh}`,
    );
    assert.ok(row.ciLow < row.ciHigh, `${row.metric}: the interval has width`);
  }
  assert.deepEqual(aggregateRuns([...runs].reverse(), 2000), first, "the order the rows come in does not matter");
  const changed = runs.map((r, i) => (i === 0 ? { ...r, meanReturn: r.meanReturn + 1 } : r));
  assert.notDeepEqual(
    aggregateRuns(changed, 2000).find((r) => r.metric === "iqm"),
    first.find((r) => r.metric === "iqm"),
    "other results, other draws",
  );
});
