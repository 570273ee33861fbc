import assert from "node:assert/strict";
import { test } from "node:test";
import { checkedEnv, InvalidActionError } from "./checked-env";
import { openGymEnv } from "./python-env";

/** Float observations and box actions cross the bridge too: Meta-World's reach task (MuJoCo). */
test("Meta-World MT1 reach-v3: 39 float32 values, a 4-d action box, success in info", async () => {
  const env = checkedEnv(
    await openGymEnv({ id: "Meta-World/MT1", kwargs: { env_name: "reach-v3", seed: 1 } }),
    "MT1 reach-v3",
  );
  try {
    assert.deepEqual(env.observationSpace, { shape: [39], dtype: "float32" });
    assert.deepEqual(env.actionSpace, { kind: "box", shape: [4], low: [-1, -1, -1, -1], high: [1, 1, 1, 1] });
    const reset = await env.reset({ seed: 1 });
    assert.ok(reset.observation instanceof Float32Array && reset.observation.length === 39);
    const step = await env.step([0.1, 0.2, -0.3, 0]);
    assert.ok(Number.isFinite(step.reward));
    assert.equal(typeof step.info.success, "number");
    assert.notDeepEqual([...step.observation.slice(0, 3)], [...reset.observation.slice(0, 3)], "the hand moved");
    await assert.rejects(env.step([0, 0, 2, 0]), InvalidActionError);
  } finally {
    await env.close();
  }
});
