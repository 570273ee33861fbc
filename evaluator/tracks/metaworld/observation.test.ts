import assert from "node:assert/strict";
import { test } from "node:test";
import { PlatformError } from "../../../lib/core/errors";
import { agentObservation } from "./observation";

const environment = Float32Array.from({ length: 39 }, (_, i) => i + 0.5);

test("one-hot: the 39 numbers, then 1 at the task's place among the benchmark's tasks; the goal hidden only when asked", () => {
  const seen = agentObservation({ observation: "one-hot", hideGoal: false, taskIndex: 3, tasks: 10 }, environment);
  assert.deepEqual([...seen.slice(0, 39)], [...environment]);
  assert.deepEqual([...seen.slice(39)], [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.throws(
    () => agentObservation({ observation: "one-hot", hideGoal: false, taskIndex: 10, tasks: 10 }, environment),
    PlatformError,
  );
  assert.throws(() => agentObservation({ observation: "one-hot", hideGoal: false }, environment), PlatformError);
});

test("rl2: zeros after a reset; after a step the action as returned (unclipped), reward / 10 and done; the goal hidden", () => {
  const options = { observation: "rl2" as const, hideGoal: true };
  const first = agentObservation(options, environment);
  assert.deepEqual([...first.slice(36)], [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const later = agentObservation(options, environment, { action: [1.5, -0.25, 0, -3], reward: 4.2, done: true });
  assert.equal(later.length, 45);
  assert.deepEqual([...later.slice(39)], [1.5, -0.25, 0, -3, Math.fround(4.2 / 10), 1]);
  assert.deepEqual(
    [...agentObservation(options, environment, { action: [0, 0, 0, 0], reward: 0, done: false }).slice(43)],
    [0, 0],
  );
});

test("plain: the environment's 39 numbers, a fresh copy; another length is our bug", () => {
  const seen = agentObservation({ observation: "plain", hideGoal: false }, environment);
  assert.deepEqual([...seen], [...environment]);
  assert.notEqual(seen, environment);
  assert.throws(() => agentObservation({ observation: "plain", hideGoal: false }, new Float32Array(38)), PlatformError);
});
