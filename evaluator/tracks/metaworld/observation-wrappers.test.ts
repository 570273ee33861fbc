import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { VENV_PYTHON } from "../../envs/venv";
import type { MetaWorldAgentFactory } from "./local-agent";
import type { MetaWorldSpec } from "./definition/spec";
import { MT10_TASKS, type MetaWorldTask } from "./definition/tasks";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

type Reference = { oneHots?: Record<string, number[]>; episodes: number[][][] };

/** metaworld's own wrappers playing the same goal, seed and actions (wrapper-reference.py). */
function reference(request: {
  wrapper: "one-hot" | "rl2";
  seed: number;
  task: MetaWorldTask;
  goal: number;
  maxEpisodeSteps: number;
  episodes: number[][][];
}): Promise<Reference> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      VENV_PYTHON,
      ["-B", path.join(import.meta.dirname, "wrapper-reference.py")],
      { encoding: "utf8", maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr.split("\n").slice(-8).join("\n")}`));
        else resolve(JSON.parse(stdout) as Reference);
      },
    );
    child.stdin!.end(JSON.stringify(request));
  });
}

type Played = { observations: Float32Array[][]; actions: number[][][]; modes: ("adapt" | "eval")[] };

/**
 * Plays one goal of `spec` with an agent that records every observation it is handed, episode by episode (the one at
 * reset, then the one after each step: observe()'s in adaptation, act()'s in evaluation), and returns fixed actions in
 * [-1, 1] that differ at every step.
 */
async function play(spec: MetaWorldSpec, task: MetaWorldTask, seed: number): Promise<Played> {
  const played: Played = { observations: [], actions: [], modes: [] };
  let step = 0;
  const next = () => {
    step++;
    const action = [Math.sin(step), Math.cos(1.3 * step), Math.sin(0.7 * step + 1), Math.cos(0.4 * step)].map(
      (v) => 0.9 * v,
    );
    played.actions.at(-1)!.push(Array.from(Float32Array.from(action)));
    return action;
  };
  const recorder: MetaWorldAgentFactory = () => ({
    act(observation, { episodeStart, mode }) {
      if (episodeStart) {
        played.observations.push([observation]);
        played.actions.push([]);
        played.modes.push(mode);
      } else if (mode === "eval") {
        played.observations.at(-1)!.push(observation);
      }
      return next();
    },
    observe({ observation }) {
      played.observations.at(-1)!.push(observation);
    },
  });
  await runWithAgent(spec, task, seed, recorder);
  return played;
}

/** Every observation the agent got equals metaworld's, cast to float32 as it travels, value for value. */
function assertSame(played: Played, expected: Reference) {
  assert.equal(played.observations.length, expected.episodes.length);
  played.observations.forEach((episode, e) => {
    // An evaluation episode's last observation is never sent: no action is wanted for it.
    const wanted = played.modes[e] === "eval" ? expected.episodes[e]!.slice(0, -1) : expected.episodes[e]!;
    assert.equal(episode.length, wanted.length, `episode ${e}`);
    episode.forEach((observation, s) =>
      assert.deepEqual(
        [...observation],
        [...Float32Array.from(wanted[s]!)],
        `episode ${e} (${played.modes[e]}), observation ${s}`,
      ),
    );
  });
}

test("MT10: the observation is the 39 numbers then metaworld's one-hot task id (OneHotWrapper, make_mt_envs' task order)", async () => {
  const spec = smallSpec({
    benchmark: "MT10",
    task: undefined,
    adaptationEpisodes: 0,
    evaluationEpisodes: 2,
    maxEpisodeSteps: 8,
  });
  assert.equal(spec.observation, "one-hot");
  const task: MetaWorldTask = "push-v3";
  const played = await play(spec, task, 3);
  const expected = await reference({
    wrapper: "one-hot",
    seed: 3,
    task,
    goal: 0,
    maxEpisodeSteps: 8,
    episodes: played.actions,
  });
  // metaworld's one-hot of every MT10 task: 10 long, 1 at the task's place in our list.
  assert.deepEqual(Object.keys(expected.oneHots!), [...MT10_TASKS]);
  MT10_TASKS.forEach((name, i) =>
    assert.deepEqual(
      expected.oneHots![name],
      MT10_TASKS.map((_, j) => (j === i ? 1 : 0)),
      name,
    ),
  );
  assert.equal(played.observations[0]![0]!.length, 49);
  assertSame(played, expected);
});

test("rl2: every observation, evaluation included, is metaworld's RNNBasedMetaRLWrapper's: 39 numbers, the previous action, reward / 10, done", async () => {
  const spec = smallSpec({ observation: "rl2", adaptationEpisodes: 2, evaluationEpisodes: 2, maxEpisodeSteps: 8 });
  const played = await play(spec, "reach-v3", 4);
  const expected = await reference({
    wrapper: "rl2",
    seed: 4,
    task: "reach-v3",
    goal: 0,
    maxEpisodeSteps: 8,
    episodes: played.actions,
  });
  assert.deepEqual(played.modes, ["adapt", "adapt", "eval", "eval"]);
  assertSame(played, expected);
  const first = played.observations[2]![0]!;
  assert.equal(first.length, 45);
  assert.deepEqual(
    [...first.slice(39)],
    [0, 0, 0, 0, 0, 0],
    "an episode starts with zeros in place of the previous action, reward and done",
  );
  const later = played.observations[2]![3]!;
  assert.deepEqual([...later.slice(39, 43)], played.actions[2]![2], "the previous action, as the agent returned it");
  assert.ok(later[43]! > 0, "evaluation episodes carry the reward inside the observation");
  assert.equal(played.observations[1]!.at(-1)![44], 1, "the last step of an episode is flagged done");
  assert.ok(
    played.observations.every((episode) => episode.every((o) => o[36] === 0 && o[37] === 0 && o[38] === 0)),
    "the goal stays hidden",
  );
});
