import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { atariDemo } from "@/benchmarks/builtin/atari";
import { listLearningCurveBins } from "@/db/queries/learning-curves";
import { getSubmissionView } from "@/lib/server/submission-view";
import { humanNormalizedScore } from "@/evaluator/tracks/atari/definition/games";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import { curveBinSteps, loadSubmissionPlots } from "./atari-plots";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { createUser, insertRlSubmission } from "@/testing/platform/fixtures";

// An Atari submission's page plots: the learning curve of each run, binned by the agent step at which each learning
// episode ended, and the HNS per game; private runs stay out until the reveal.
const definition = { ...atariDemo, spec: { ...atariDemo.spec, learningSteps: 10_000 } };
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  ctx = await startRouteTest();
});
after(async () => ctx.close());

test("learning episodes are binned by their end step per run; the page's plots render from them", async () => {
  const user = await createUser(ctx.db);
  const bin = curveBinSteps(definition.spec.learningSteps);
  assert.equal(bin, 400, "10,000 learning steps in 25 bins");
  // Seed 1: episodes ending at 100, 350 (first bin) and 500 (second bin). Seed 101 is private.
  const learning = (seed: number, episodes: [number, number][]) =>
    episodes.map(([step, ret], i) => ({
      index: LEARNING_ROW_OFFSET + i,
      task: "Pong",
      metrics: { learningReturn: ret, steps: 10, step, seed },
    }));
  const evaluation = (seed: number, ret: number) => [
    { index: 0, task: "Pong", metrics: { return: ret, hns: 0, steps: 50, seed } },
  ];
  const submission = await insertRlSubmission(ctx.db, {
    definition,
    user,
    status: "scored",
    units: [
      {
        key: "Pong/1",
        partition: "public",
        status: "done",
        rows: [
          ...evaluation(1, -10),
          ...learning(1, [
            [100, -21],
            [350, -19],
            [500, -15],
          ]),
        ],
      },
      {
        key: "Pong/101",
        partition: "private",
        status: "done",
        rows: [...evaluation(101, 0), ...learning(101, [[100, 5]])],
      },
    ],
  });

  const bins = await listLearningCurveBins(ctx.db, {
    submissionIds: [submission.id],
    partitions: ["public"],
    binSteps: bin,
    firstLearningRow: LEARNING_ROW_OFFSET,
  });
  assert.deepEqual(
    bins.map((b) => [b.partition, b.game, b.seed, b.step, b.meanReturn, b.episodes]),
    [
      ["public", "Pong", 1, 400, -20, 2],
      ["public", "Pong", 1, 800, -15, 1],
    ],
  );

  const view = (await getSubmissionView(ctx.db, { id: submission.id, viewer: user }))!;
  const plots = await loadSubmissionPlots({
    submissionId: submission.id,
    partitions: ["public"],
    games: view.atariGames,
  });
  assert.match(plots.curves ?? "", /^<svg/);
  assert.match(plots.curves!, /seed 1/);
  assert.ok(!plots.curves!.includes("seed 101"), "the sealed private run is not drawn");
  assert.match(plots.games ?? "", /^<svg/);
  assert.match(plots.profile ?? "", /^<svg/);
  assert.ok(!plots.profile!.includes("private"), "one profile, of the public runs");
  assert.equal(view.atariGames[0]!.hns, humanNormalizedScore("Pong", -10));
});
