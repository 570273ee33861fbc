import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { UnitProgress } from "../runner-types";
import { runAtariUnit } from "./driver";
import { humanNormalizedScore } from "./definition/games";
import { aggregateRuns, LEARNING_ROW_OFFSET, runScores } from "./definition/scoring";
import { atariSpecSchema } from "./definition/spec";
import { agentBundle, launchRlSandbox, RANDOM_AGENT } from "@/testing/tracks/atari";
import { planAtariUnits } from "./definition/units";

/** A random agent through the whole pipeline on the real ALE, with a small budget: two games, two evaluation episodes. */
const spec = atariSpecSchema.parse({
  track: "atari",
  games: ["Pong", "Breakout"],
  partitions: { public: { seeds: [4] }, private: { seeds: [] } },
  learningSteps: 1500,
  evalEpisodes: 2,
  kinds: ["agent"],
  limits: { wallSeconds: 600, memoryMb: 1024, callSeconds: 30 },
});
const bundle = await agentBundle(RANDOM_AGENT);
after(() => bundle.remove());

test("a random agent learns for the budget and is scored on whole evaluation games (Pong, Breakout)", async () => {
  const units = planAtariUnits(spec);
  assert.deepEqual(units, [
    { key: "Pong/4", partition: "public" },
    { key: "Breakout/4", partition: "public" },
  ]);
  const allRows = [];
  for (const unit of units) {
    const session = await launchRlSandbox(bundle);
    const progress: UnitProgress[] = [];
    try {
      const rows = await runAtariUnit({
        spec,
        unit,
        manifest: bundle.manifest,
        session,
        onProgress: (p) => progress.push(p),
        signal: new AbortController().signal,
      });
      const game = unit.key.split("/")[0] as "Pong" | "Breakout";
      const evaluation = rows.filter((r) => r.index < LEARNING_ROW_OFFSET);
      const learning = rows.filter((r) => r.index >= LEARNING_ROW_OFFSET);
      assert.deepEqual(
        evaluation.map((r) => r.index),
        [0, 1],
      );
      for (const row of evaluation) {
        assert.equal(row.task, game);
        assert.equal(row.metrics.seed, 4);
        assert.equal(row.metrics.hns, humanNormalizedScore(game, row.metrics.return!));
        assert.ok(row.metrics.steps! > 0 && row.metrics.steps! <= 27_000);
      }
      if (game === "Pong")
        assert.ok(
          evaluation.every((r) => r.metrics.return! <= -15),
          "a random agent loses at Pong",
        );
      else assert.ok(evaluation.every((r) => r.metrics.return! >= 0 && r.metrics.return! < 20));
      assert.ok(learning.length > 0, "learning episodes are recorded (the learning curve)");
      assert.ok(learning.every((r) => r.metrics.step! <= 1500 && r.metrics.learningReturn !== undefined));
      assert.deepEqual(progress.at(-1), {
        done: 1502,
        total: 1502,
        detail: {
          phase: "evaluation",
          episodes: 2,
          evalEpisodes: 2,
          recentReturns: evaluation.map((r) => r.metrics.return),
        },
      });
      assert.ok(
        progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done),
        "progress never goes back",
      );
      // While learning, the page can show the steps taken and the returns of the latest learning episodes.
      const learned = progress.filter((p) => p.detail?.phase === "learning").at(-1)!;
      assert.deepEqual(learned.detail, {
        phase: "learning",
        steps: 1500,
        learningSteps: 1500,
        episodes: learning.length,
        recentReturns: learning.slice(-10).map((r) => r.metrics.learningReturn),
      });
      allRows.push(...rows);
    } finally {
      await session.close();
    }
  }
  const runs = runScores(allRows);
  assert.equal(runs.length, 2);
  const aggregates = Object.fromEntries(aggregateRuns(runs).map((a) => [a.metric, a.value]));
  assert.equal(aggregates.games, 2);
  assert.ok(aggregates.iqm! < 0.2, `a random agent is far below human: IQM ${aggregates.iqm}`);
});
