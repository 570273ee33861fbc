import assert from "node:assert/strict";
import { test } from "node:test";
import { initMessageSchema } from "./messages";

const atariTask = {
  track: "atari",
  game: "Pong",
  actions: 6,
  actionMeanings: [],
  observationShape: [84, 84, 4],
  learningSteps: 100,
  seed: 0,
};
const fewshotTask = { track: "fewshot", ways: 5, shots: 1, queries: 15, imageShape: [28, 28, 1] };
const agent = { name: "a", track: "atari", kind: "agent", entry: "agent.mjs" };
const learner = { name: "l", track: "fewshot", kind: "learner", entry: "learner.mjs" };

test("init carries a few-shot or an RL task with a manifest of the same track", () => {
  assert.equal(initMessageSchema.safeParse({ type: "init", manifest: agent, task: atariTask }).success, true);
  assert.equal(initMessageSchema.safeParse({ type: "init", manifest: learner, task: fewshotTask }).success, true);
  const mixed = initMessageSchema.safeParse({ type: "init", manifest: learner, task: atariTask });
  assert.equal(mixed.success, false);
  assert.match(mixed.error!.issues.map((i) => i.message).join(";"), /the manifest's track differs from the task's/);
});

test("init carries a Meta-World task with a Meta-World agent or policy, and nothing else", () => {
  const task = {
    track: "metaworld",
    benchmark: "ML10",
    observationShape: [39],
    observation: "plain",
    actionShape: [4],
    maxEpisodeSteps: 500,
    adaptationEpisodes: 10,
    evaluationEpisodes: 3,
    goalHidden: true,
    seed: 1,
  };
  const metaworldAgent = { ...agent, track: "metaworld" };
  const policy = { name: "p", track: "metaworld", kind: "policy", model: "model/model.json" };
  assert.equal(initMessageSchema.safeParse({ type: "init", manifest: metaworldAgent, task }).success, true);
  assert.equal(initMessageSchema.safeParse({ type: "init", manifest: policy, task }).success, true);
  assert.equal(
    initMessageSchema.safeParse({ type: "init", manifest: agent, task }).success,
    false,
    "an Atari agent is not a Meta-World one",
  );
  assert.equal(
    initMessageSchema.safeParse({ type: "init", manifest: metaworldAgent, task: { ...task, benchmark: "ML2" } })
      .success,
    false,
  );
  assert.equal(
    initMessageSchema.safeParse({ type: "init", manifest: metaworldAgent, task: { ...task, goal: [0, 0, 0] } }).success,
    false,
    "the goal never travels",
  );
});

test("a Meta-World task's observation length fits its layout: 39, 39 + the one-hot's tasks, 39 + the action + 2 for rl2", () => {
  const task = {
    track: "metaworld",
    benchmark: "ML10",
    observationShape: [39],
    observation: "plain",
    actionShape: [4],
    maxEpisodeSteps: 500,
    adaptationEpisodes: 10,
    evaluationEpisodes: 3,
    goalHidden: true,
    seed: 1,
  };
  const manifest = { ...agent, track: "metaworld" };
  const fits = (changes: Record<string, unknown>) =>
    initMessageSchema.safeParse({ type: "init", manifest, task: { ...task, ...changes } }).success;
  assert.equal(fits({ observation: "rl2", observationShape: [45] }), true);
  assert.equal(fits({ observation: "rl2", observationShape: [39] }), false);
  assert.equal(fits({ benchmark: "MT10", observation: "one-hot", observationShape: [49], goalHidden: false }), true);
  assert.equal(fits({ benchmark: "MT10", observation: "one-hot", observationShape: [39], goalHidden: false }), false);
  assert.equal(fits({ observationShape: [49] }), false);
  assert.equal(fits({ observation: undefined }), false, "the layout is always said");
});
