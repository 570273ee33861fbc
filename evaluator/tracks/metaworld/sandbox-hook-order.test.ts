import assert from "node:assert/strict";
import { test } from "node:test";
import { metaworldAgentBundle, runInSandbox, smallSpec } from "@/testing/tracks/metaworld";

/**
 * An agent that logs each hook call (stdout is the sandbox's log), acts with a tf.Tensor, and checks inside the
 * sandbox what it is given: the runtime's tf, the task, fresh float32 observations of 39 values.
 */
const RECORDER = `
export default function create({ tf, task }) {
  const log = (line) => console.log("hook " + line);
  log("create " + typeof tf.tensor1d + " " + JSON.stringify(task));
  // Kept observations must stay as they were: every step hands a fresh array (observe and the act that follows share one).
  const kept = new Map();
  const check = (observation, hook) => {
    if (!(observation instanceof Float32Array) || observation.length !== 39) throw new Error("observation is not float32 [39]");
    if (kept.get(hook) === observation) throw new Error(hook + " was handed the same observation array twice");
    kept.set(hook, observation);
  };
  return {
    startTask: () => log("startTask"),
    act(observation, { episodeStart, mode }) {
      check(observation, "act");
      log("act:" + mode + (episodeStart ? ":start" : ""));
      return tf.tensor1d([0.1, -0.1, 0, 1]);
    },
    observe({ terminated, truncated, success, reward, observation }) {
      check(observation, "observe");
      if (typeof success !== "boolean" || !Number.isFinite(reward)) throw new Error("observe() lacks success or reward");
      log(terminated || truncated ? "observe:end" : "observe");
    },
    adapt: () => log("adapt"),
  };
}`;

test("in the sandbox, the agent hears of each new task, adapts with rewards, is told adaptation ended, then plays without rewards", async () => {
  const bundle = await metaworldAgentBundle(RECORDER);
  try {
    const spec = smallSpec({ goalsPerTask: 2, adaptationEpisodes: 2, evaluationEpisodes: 1, maxEpisodeSteps: 3 });
    const run = await runInSandbox(spec, "reach-v3", 4, bundle);
    assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
    const calls = run.log
      .split("\n")
      .filter((line) => line.startsWith("hook "))
      .map((line) => line.slice("hook ".length));
    const adaptationEpisode = ["act:adapt:start", "observe", "act:adapt", "observe", "act:adapt", "observe:end"];
    const evaluationEpisode = ["act:eval:start", "act:eval", "act:eval"];
    const goal = ["startTask", ...adaptationEpisode, ...adaptationEpisode, "adapt", ...evaluationEpisode];
    const task = {
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
    };
    // isolation: task — the second goal is played by a fresh sandbox of the bundle, created anew.
    const create = `create function ${JSON.stringify(task)}`;
    assert.deepEqual(calls, [create, ...goal, create, ...goal]);
    assert.equal(run.rows!.length, 2);
  } finally {
    await bundle.remove();
  }
});
