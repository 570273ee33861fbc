import assert from "node:assert/strict";
import { test } from "node:test";
import type { MetaWorldAgentFactory } from "./local-agent";
import { GOAL_SLICE } from "./definition/tasks";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

/** MT10 reach shows the goal: drive the hand to it for `reachSteps`, then away to a far corner. */
const reachThenLeave =
  (reachSteps: number, flags: boolean[]): MetaWorldAgentFactory =>
  () => {
    let step = 0;
    return {
      act(observation, { episodeStart }) {
        if (episodeStart) step = 0;
        step++;
        const target = step <= reachSteps ? [...observation.slice(GOAL_SLICE[0], GOAL_SLICE[1])] : [0.5, 0.4, 0.3];
        return [0, 1, 2].map((i) => Math.max(-1, Math.min(1, 10 * (target[i]! - observation[i]!)))).concat([0]);
      },
      observe: ({ success }) => void flags.push(success),
    };
  };

test("an episode succeeds when success was reached at any step, even if lost by its end", async () => {
  const flags: boolean[] = [];
  const spec = smallSpec({
    benchmark: "MT10",
    task: undefined,
    goalsPerTask: 1,
    adaptationEpisodes: 1,
    evaluationEpisodes: 2,
    maxEpisodeSteps: 150,
  });
  const [row] = await runWithAgent(spec, "reach-v3", 2, reachThenLeave(80, flags));
  assert.ok(flags.slice(0, 80).some(Boolean), "the hand reached the goal");
  assert.equal(flags.at(-1), false, "and left it before the episode ended");
  assert.equal(row!.metrics.adaptationSuccess, 1);
  assert.equal(row!.metrics.success, 1);
});

test("an episode that never reaches the goal fails", async () => {
  const spec = smallSpec({
    benchmark: "MT10",
    task: undefined,
    goalsPerTask: 1,
    adaptationEpisodes: 0,
    evaluationEpisodes: 1,
    maxEpisodeSteps: 60,
  });
  const [row] = await runWithAgent(spec, "reach-v3", 2, reachThenLeave(0, []));
  assert.equal(row!.metrics.success, 0);
});
