import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { atariDemo } from "@/benchmarks/builtin/atari";
import { humanNormalizedScore } from "@/evaluator/tracks/atari/definition/games";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import type { BenchmarkDefinition } from "@/db/queries/benchmarks";
import { loadComparison } from "./compare";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { createUser, insertRlSubmission } from "@/testing/platform/fixtures";

// The compare view of two Atari entries: per-game HNS, rliable's probability of improvement on the runs × games
// matrices, performance profiles and learning curves, all rendered on the server.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
const definition: BenchmarkDefinition = {
  ...atariDemo,
  slug: "atari-compare",
  spec: {
    ...atariDemo.spec,
    games: ["Pong", "Breakout"],
    partitions: { public: { seeds: [1, 2, 3] }, private: { seeds: [101] } },
  } as BenchmarkDefinition["spec"],
};
const SEEDS = [1, 2, 3];

before(async () => {
  ctx = await startRouteTest();
});
after(async () => ctx.close());

/** One scored entry: per (game, seed) two evaluation games scoring `score(game, seed)` and four learning episodes. */
async function entry(score: (game: string, seed: number) => number) {
  const units = ["Pong", "Breakout"].flatMap((game) =>
    SEEDS.map((seed) => ({
      key: `${game}/${seed}`,
      partition: "public" as const,
      status: "done" as const,
      rows: [
        ...[0, 1].map((index) => ({
          index,
          task: game,
          metrics: { return: score(game, seed), hns: 0, steps: 100, seed },
        })),
        ...[0, 1, 2, 3].map((i) => ({
          index: LEARNING_ROW_OFFSET + i,
          task: game,
          metrics: { learningReturn: (score(game, seed) * (i + 1)) / 4, steps: 2500, step: 2500 * (i + 1), seed },
        })),
      ],
    })),
  );
  return insertRlSubmission(ctx.db, {
    definition,
    user: await createUser(ctx.db),
    status: "scored",
    units,
    aggregates: [{ partition: "public", metric: "iqm", value: 0.5, ciLow: 0.3, ciHigh: 0.6 }],
  });
}

test("two Atari entries: per-game HNS, probability of improvement on runs × games, profiles and curves as SVG", async () => {
  // The strong entry beats the weak one in every run of every game; within a game its seeds differ.
  const strong = await entry((game, seed) => (game === "Pong" ? 10 + seed : 20 + seed));
  const weak = await entry((game, seed) => (game === "Pong" ? -20 + seed : 2 + seed));
  const comparison = await loadComparison({
    slug: definition.slug,
    viewer: undefined,
    ids: [strong.id, weak.id],
    partition: "public",
  });

  const [pair] = comparison.pairs;
  assert.equal(pair!.improvement?.method, "stratified-runs");
  assert.equal(pair!.improvement?.estimate, 1, "every run of the first beats every run of the second");
  assert.equal(pair!.improvement?.interval.low, 1);
  assert.equal(pair!.improvement?.n, 3);

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.deepEqual(
    comparison.atari?.games.map((g) => g.game),
    ["Breakout", "Pong"],
  );
  const pong = comparison.atari!.games.find((g) => g.game === "Pong")!;
  assert.ok(Math.abs(pong.hns[0]! - mean(SEEDS.map((s) => humanNormalizedScore("Pong", 10 + s)))) < 1e-12);
  assert.ok(Math.abs(pong.hns[1]! - mean(SEEDS.map((s) => humanNormalizedScore("Pong", -20 + s)))) < 1e-12);

  for (const plot of ["intervals", "tasks", "profiles", "curves"] as const)
    assert.match(comparison.plots[plot] ?? "", /^<svg/, `${plot} plot rendered`);
  assert.match(comparison.plots.profiles!, /Human-normalized score τ/);
  assert.match(comparison.plots.curves!, /Agent steps/);
  assert.equal(comparison.plots.reliability, undefined, "no calibration on Atari");
});
