import assert from "node:assert/strict";
import { test } from "node:test";
import type { MetaWorldAgentFactory } from "./local-agent";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

test("the agent hears of each new task, adapts with rewards, is told adaptation ended, then plays without rewards", async () => {
  const calls: string[] = [];
  let task: unknown;
  const recorder: MetaWorldAgentFactory = (ctx) => {
    calls.push("create");
    task = ctx.task;
    return {
      startTask: () => calls.push("startTask"),
      act(_observation, { episodeStart, mode }) {
        calls.push(`act:${mode}${episodeStart ? ":start" : ""}`);
        return [0, 0, 0, 0];
      },
      observe: ({ terminated, truncated }) => calls.push(terminated || truncated ? "observe:end" : "observe"),
      adapt: () => calls.push("adapt"),
    };
  };
  const progress: number[] = [];
  const rows = await runWithAgent(
    smallSpec({ goalsPerTask: 2, adaptationEpisodes: 2, evaluationEpisodes: 1, maxEpisodeSteps: 3 }),
    "reach-v3",
    4,
    recorder,
    {
      onProgress: (p) => progress.push(p.done / p.total),
    },
  );
  const adaptationEpisode = ["act:adapt:start", "observe", "act:adapt", "observe", "act:adapt", "observe:end"];
  const evaluationEpisode = ["act:eval:start", "act:eval", "act:eval"];
  const goal = ["startTask", ...adaptationEpisode, ...adaptationEpisode, "adapt", ...evaluationEpisode];
  // isolation: task — each goal gets an agent created anew.
  assert.deepEqual(calls, ["create", ...goal, "create", ...goal]);
  assert.deepEqual(task, {
    track: "metaworld",
    benchmark: "ML1",
    observationShape: [39],
    observation: "plain",
    actionShape: [4],
    maxEpisodeSteps: 3,
    adaptationEpisodes: 2,
    evaluationEpisodes: 1,
    goalHidden: true,
    seed: 4,
  });
  assert.deepEqual(progress, [0.5, 1]);
  assert.deepEqual(
    rows.map((r) => [r.index, r.task, r.metrics.goal, r.metrics.seed]),
    [
      [0, "reach-v3", 0, 4],
      [1, "reach-v3", 1, 4],
    ],
  );
});
