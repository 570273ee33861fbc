import assert from "node:assert/strict";
import { test } from "node:test";
import { openMetaWorldEnv } from "./env";
import type { MetaWorldAgentFactory } from "./local-agent";
import { GOAL_SLICE } from "./definition/tasks";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

const goalOf = (observation: Float32Array | Uint8Array) => [...observation.slice(GOAL_SLICE[0], GOAL_SLICE[1])];

test("ML10 test tasks zero the goal in the environment's own observations; MT10 shows it", async () => {
  const ml = await openMetaWorldEnv({ benchmark: "ML10", split: "test", task: "drawer-open-v3", seed: 3 });
  try {
    for (const goal of [0, 1]) {
      const reset = await ml.reset({ seed: 3, options: { goal } });
      assert.deepEqual(goalOf(reset.observation), [0, 0, 0]);
      assert.deepEqual(goalOf((await ml.step([0.5, 0.5, 0.5, 0])).observation), [0, 0, 0]);
    }
  } finally {
    await ml.close();
  }
  const mt = await openMetaWorldEnv({ benchmark: "MT10", split: "train", task: "reach-v3", seed: 3 });
  try {
    const first = goalOf((await mt.reset({ seed: 3, options: { goal: 0 } })).observation);
    const second = goalOf((await mt.reset({ options: { goal: 1 } })).observation);
    assert.ok(
      first.some((v) => v !== 0),
      "MT10 shows the goal",
    );
    assert.notDeepEqual(first, second, "goals differ");
  } finally {
    await mt.close();
  }
});

test("an ML1 agent never sees a goal in any observation, while learning or scored", async () => {
  const seen: number[][] = [];
  const recorder: MetaWorldAgentFactory = () => {
    let step = 0;
    return {
      act(observation) {
        seen.push(goalOf(observation));
        step++;
        return [Math.sin(step), Math.cos(step), Math.sin(2 * step), 0];
      },
      observe({ observation }) {
        seen.push(goalOf(observation));
      },
    };
  };
  await runWithAgent(smallSpec({ goalsPerTask: 2 }), "reach-v3", 5, recorder);
  // Per goal: adaptation 1 act at reset + 20 observe + 19 act; evaluation 20 act.
  assert.equal(seen.length, 2 * (40 + 20));
  assert.ok(seen.every((g) => g.every((v) => v === 0)));
});
