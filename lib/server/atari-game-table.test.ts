import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { atariDemo } from "@/benchmarks/builtin/atari";
import { type BenchmarkDefinition } from "@/db/queries/benchmarks";
import { getSubmissionView } from "@/lib/server/submission-view";
import { createTestDatabase } from "@/testing/platform/database";
import { humanNormalizedScore } from "@/evaluator/tracks/atari/definition/games";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import { createUser, insertRlSubmission } from "@/testing/platform/fixtures";

// An Atari submission's page data: per-game mean return and HNS from evaluation rows only, and a running unit's detail.
const pongBreakout: BenchmarkDefinition = {
  ...atariDemo,
  spec: { ...atariDemo.spec, games: ["Pong", "Breakout"] } as BenchmarkDefinition["spec"],
};
let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(async () => database.drop());

const evaluation = (returns: number[], seed: number, task: string) =>
  returns.map((r, index) => ({
    index,
    task,
    metrics: { return: r, hns: humanNormalizedScore(task as "Pong", r), steps: 100, seed },
  }));
const learning = (returns: number[], seed: number, task: string) =>
  returns.map((r, i) => ({
    index: LEARNING_ROW_OFFSET + i,
    task,
    metrics: { learningReturn: r, steps: 50, step: 50 * (i + 1), seed },
  }));

test("per-game mean return and HNS ignore learning-curve rows; a running unit shows steps, episodes and recent returns", async () => {
  const user = await createUser(database.db);
  const detail = { phase: "learning", steps: 4200, learningSteps: 10_000, episodes: 3, recentReturns: [-21, -20, -19] };
  const submission = await insertRlSubmission(database.db, {
    definition: pongBreakout,
    user,
    status: "running",
    units: [
      // Learning returns far from the evaluation ones: counting them would move the mean.
      {
        key: "Pong/1",
        partition: "public",
        status: "done",
        rows: [
          ...evaluation([-20, -18], 1, "Pong"),
          ...learning([500, 900], 1, "Pong"),
          { index: LEARNING_ROW_OFFSET + 2, task: "Pong", metrics: { return: 999, seed: 1 } },
        ],
      },
      {
        key: "Breakout/1",
        partition: "public",
        status: "running",
        progress: { done: 4200, total: 10_005, detail },
        rows: [],
      },
      { key: "Pong/101", partition: "private", status: "done", rows: evaluation([21], 101, "Pong") },
    ],
  });
  const view = await getSubmissionView(database.db, { id: submission.id, viewer: user });
  assert.deepEqual(view?.atariGames, [
    { partition: "public", game: "Pong", runs: 1, meanReturn: -19, hns: humanNormalizedScore("Pong", -19) },
  ]);
  assert.deepEqual(view?.units.find((u) => u.key === "Breakout/1")?.atariDetail, detail);
  assert.equal(view?.units.find((u) => u.key === "Pong/1")?.atariDetail, undefined);
  assert.deepEqual(view?.metaworldTasks, []);
});

test("private games appear once the phase's reveal time has passed", async () => {
  const user = await createUser(database.db);
  const submission = await insertRlSubmission(database.db, {
    // A benchmark of its own: the phase (and its reveal time) is set when the benchmark is created.
    definition: { ...pongBreakout, slug: "atari-smoke-revealed" },
    user,
    status: "scored",
    revealAt: new Date(Date.now() - 1000),
    units: [{ key: "Pong/101", partition: "private", status: "done", rows: evaluation([21, 19], 101, "Pong") }],
  });
  const view = await getSubmissionView(database.db, { id: submission.id, viewer: user });
  assert.deepEqual(view?.atariGames, [
    { partition: "private", game: "Pong", runs: 1, meanReturn: 20, hns: humanNormalizedScore("Pong", 20) },
  ]);
});
