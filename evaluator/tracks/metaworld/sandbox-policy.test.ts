import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { layersModelFiles } from "@/evaluator/bundle/layers-model-files";
import { UserCodeError } from "../../../lib/core/errors";
import type { MetaWorldAgentTask } from "../../protocol/messages";
import { testBackend } from "@/testing/backends/test-backend";
import { launchSandbox } from "../../sandbox";
import {
  metaworldBundle,
  runInSandbox,
  SANDBOX_TEST_LIMITS,
  smallSpec,
  type MetaWorldTestBundle,
} from "@/testing/tracks/metaworld";

/** A policy bundle: dense [inputs → units] with tanh, seeded weights. */
async function policyBundle(
  units: number,
  inputs = 39,
): Promise<{ bundle: MetaWorldTestBundle; model: tf.LayersModel }> {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [inputs],
        units,
        activation: "tanh",
        kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
        biasInitializer: "ones",
      }),
    ],
  });
  const bundle = await metaworldBundle(
    { name: "tiny-policy", track: "metaworld", kind: "policy", model: "model/model.json" },
    await layersModelFiles(tf, model),
  );
  return { bundle, model };
}

const policy = await policyBundle(4);
const wrongShape = await policyBundle(3);
const multiTask = await policyBundle(4, 49);
after(() => Promise.all([policy.bundle.remove(), wrongShape.bundle.remove(), multiTask.bundle.remove()]));

const spec = smallSpec({
  kinds: ["policy"],
  goalsPerTask: 1,
  adaptationEpisodes: 1,
  evaluationEpisodes: 1,
  maxEpisodeSteps: 10,
});

test("a policy bundle plays a Meta-World unit in the sandbox", async () => {
  const run = await runInSandbox(spec, "reach-v3", 2, policy.bundle);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.rows!.length, 1);
  assert.ok(run.rows![0]!.metrics.return! > 0);
});

test("the policy's action is its model's output for the observation, the same every time", async () => {
  const session = await launchSandbox({ bundleDir: policy.bundle.dir, limits: SANDBOX_TEST_LIMITS, ...testBackend() });
  try {
    const task: MetaWorldAgentTask = {
      track: "metaworld",
      benchmark: "ML1",
      observationShape: [39],
      observation: "plain",
      actionShape: [4],
      maxEpisodeSteps: 10,
      adaptationEpisodes: 1,
      evaluationEpisodes: 1,
      goalHidden: true,
      seed: 0,
    };
    assert.equal(
      (await session.request({ type: "init", manifest: policy.bundle.manifest, task })).header.type,
      "ready",
    );
    assert.equal((await session.request({ type: "taskStart" })).header.type, "ready");
    const observation = Float32Array.from({ length: 39 }, (_, i) => Math.sin(i) * 0.3);
    const expected = (policy.model.predict(tf.tensor2d(observation, [1, 39])) as tf.Tensor).dataSync();
    for (const mode of ["adapt", "eval"] as const) {
      const reply = await session.request(
        { type: "act", episodeStart: true, mode },
        { observation: { dtype: "float32", shape: [39], data: observation } },
      );
      assert.equal(reply.header.type, "continuousAction");
      const action = reply.tensors.action!.data as Float32Array;
      assert.equal(action.length, 4);
      action.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-5, `action ${i}: ${v} vs ${expected[i]}`));
    }
  } finally {
    await session.close();
  }
});

test("a policy whose model does not output 4 values fails, saying what it returned", async () => {
  const run = await runInSandbox(spec, "reach-v3", 2, wrongShape.bundle);
  assert.ok(run.error instanceof UserCodeError, String(run.error));
  assert.equal(run.error.reason, "exception");
  assert.match(run.error.message, /the policy model returned 3 values of shape \[1,3\]; expected \[1,4\]/);
});

test("an MT10 policy takes the 39 numbers and the 10 of the one-hot task id; a 39-input one is refused, saying so", async () => {
  const mt10 = smallSpec({
    benchmark: "MT10",
    task: undefined,
    kinds: ["policy"],
    adaptationEpisodes: 0,
    maxEpisodeSteps: 5,
  });
  const run = await runInSandbox(mt10, "door-open-v3", 1, multiTask.bundle);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.rows!.length, 1);
  const refused = await runInSandbox(mt10, "door-open-v3", 1, policy.bundle);
  assert.ok(refused.error instanceof UserCodeError, String(refused.error));
  assert.match(
    refused.error.message,
    /the policy model takes \[1, 39\] inputs, but this benchmark's observations are 49 numbers: 39 \(the environment's observation\) \+ 10 \(the task's one-hot id among the benchmark's 10 tasks\): its input must be \[1, 49\]/,
  );
});
