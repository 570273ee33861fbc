import assert from "node:assert/strict";
import { test } from "node:test";
import { PlatformError } from "../../../lib/core/errors";
import { openMetaWorldEnv } from "./env";
import type { MetaWorldAgentFactory } from "./local-agent";
import { episodeBudget } from "./meta-test";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

test("the protocol's environment refuses a step past the episode length", async () => {
  const env = await openMetaWorldEnv({ benchmark: "ML1", split: "test", task: "reach-v3", seed: 1 });
  try {
    const budgeted = episodeBudget(env, 3);
    await budgeted.reset({ seed: 1, options: { goal: 0 } });
    for (let i = 0; i < 3; i++) await budgeted.step([0, 0, 0, 0]);
    await assert.rejects(
      budgeted.step([0, 0, 0, 0]),
      (e: unknown) => e instanceof PlatformError && /step 4 was refused/.test(e.message),
    );
    // A new episode gets a fresh budget.
    await budgeted.reset({ options: { goal: 0 } });
    await budgeted.step([0, 0, 0, 0]);
  } finally {
    await env.close();
  }
});

test("with 500-step episodes the agent gets exactly the steps and episodes the spec gives, no more", async () => {
  let acts = 0;
  let observes = 0;
  const counter: MetaWorldAgentFactory = () => ({
    act: () => (acts++, [1, 1, 1, 1]),
    observe: () => void observes++,
  });
  const rows = await runWithAgent(
    smallSpec({ maxEpisodeSteps: 500, adaptationEpisodes: 1, evaluationEpisodes: 1 }),
    "reach-v3",
    1,
    counter,
  );
  assert.equal(observes, 500);
  assert.equal(acts, 1000);
  assert.equal(rows.length, 1);
});
