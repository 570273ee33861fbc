import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addReportedResult } from "@/lib/reported-results/reported-results";
import { sampleReportedResult } from "@/testing/specs/reported-result";
import { loadComparison } from "./compare";
import { loadLeaderboard } from "./leaderboard";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";

// Published results sit beside the board: the loaders return them apart, and no rank, tier or pair changes with them.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let ids: string[];

before(async () => {
  ctx = await startRouteTest();
  const owner = await createUser(ctx.db, { role: "organizer" });
  fixture = await createBenchmark(ctx.db, { owner });
  const episodes = (acc: number) => ({ public: [0, 1, 2, 3].map((i) => ({ accuracy: acc + i / 100 })) });
  ids = [];
  for (const [name, acc] of [
    ["low", 0.4],
    ["high", 0.9],
    ["mid", 0.6],
  ] as const) {
    // One entrant each: the board ranks each entrant's best entry.
    ids.push(
      (
        await insertFinishedSubmission(ctx.db, {
          fixture,
          user: await createUser(ctx.db),
          name,
          accuracy: { public: acc, private: acc },
          episodes: episodes(acc),
        })
      ).id,
    );
  }
  // The leaderboard is read once before the results exist, so any change they made would show below.
  ranking = (
    await loadLeaderboard({ slug: fixture.benchmark.slug, viewer: undefined, partition: "public", mode: "best" })
  ).rows;
  comparison = await loadComparison({ slug: fixture.benchmark.slug, viewer: undefined, ids, partition: "public" });
  // A reported accuracy above every entry: were it ranked, it would lead.
  for (const value of ["99.9", "10.0"]) {
    await addReportedResult(ctx.db, {
      actor: owner,
      benchmark: fixture.benchmark,
      result: sampleReportedResult({
        method: `paper ${value}`,
        numbers: [{ metric: "accuracy", value, unit: "percent" }],
      }),
    });
  }
});
after(async () => ctx.close());

let ranking: Awaited<ReturnType<typeof loadLeaderboard>>["rows"];
let comparison: Awaited<ReturnType<typeof loadComparison>>;

test("the leaderboard lists them apart; its rows, ranks and tiers are those without them", async () => {
  const board = await loadLeaderboard({
    slug: fixture.benchmark.slug,
    viewer: undefined,
    partition: "public",
    mode: "best",
  });
  assert.deepEqual(
    board.reported.map((r) => r.method),
    ["paper 99.9", "paper 10.0"],
  );
  assert.deepEqual(board.rows, ranking);
  assert.deepEqual(
    board.rows.map((r) => [r.name, r.rank]),
    [
      ["high", 1],
      ["mid", 2],
      ["low", 3],
    ],
  );
  assert.ok(board.rows.every((r) => !r.name.startsWith("paper")));
});

test("the comparison lists them apart; its entries, pairs and plots are those without them", async () => {
  const now = await loadComparison({ slug: fixture.benchmark.slug, viewer: undefined, ids, partition: "public" });
  assert.deepEqual(
    now.reported.map((r) => r.method),
    ["paper 99.9", "paper 10.0"],
  );
  assert.deepEqual(comparison.reported, []);
  const { reported: _now, ...withoutNow } = now;
  const { reported: _before, ...withoutBefore } = comparison;
  assert.deepEqual(withoutNow, withoutBefore);
  assert.ok(!JSON.stringify(now.plots).includes("paper 99.9"));
});
