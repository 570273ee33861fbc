import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { denseGraph } from "../../bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "../../bundle/onnx/onnx-writer";
import type { MetaWorldAgentTask } from "../../protocol/messages";
import { launchSandbox } from "../../sandbox";
import { metaworldBundle, runInSandbox, SANDBOX_TEST_LIMITS, smallSpec } from "@/testing/tracks/metaworld";

// An ONNX policy built from a TF.js dense layer's weights: it plays a real Meta-World unit in the sandbox, and its
// actions are the TF.js model's outputs on the same observations.

const model = tf.sequential({
  layers: [
    tf.layers.dense({
      inputShape: [39],
      units: 4,
      activation: "tanh",
      kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
      biasInitializer: "ones",
    }),
  ],
});
const [kernel, bias] = model.getWeights().map((w) => w.dataSync() as Float32Array);
const onnx = writeOnnxModel(
  denseGraph({ shape: [39], layers: [{ kernel: kernel!, inputs: 39, units: 4, bias: bias!, activation: "tanh" }] }),
);
const bundle = await metaworldBundle(
  { name: "onnx-policy", track: "metaworld", kind: "policy", model: "policy.onnx" },
  { "policy.onnx": onnx },
);
after(() => bundle.remove());

test("an ONNX policy bundle plays a Meta-World unit in the sandbox", async () => {
  const spec = smallSpec({
    kinds: ["policy"],
    goalsPerTask: 1,
    adaptationEpisodes: 1,
    evaluationEpisodes: 1,
    maxEpisodeSteps: 10,
  });
  const run = await runInSandbox(spec, "reach-v3", 2, bundle);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.rows!.length, 1);
  assert.ok(run.rows![0]!.metrics.return! > 0);
});

test("the ONNX policy's action is its TF.js twin's output for the observation", async () => {
  const session = await launchSandbox({ bundleDir: bundle.dir, limits: SANDBOX_TEST_LIMITS, backend: "cpu" });
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
    assert.equal((await session.request({ type: "init", manifest: bundle.manifest, task })).header.type, "ready");
    assert.equal((await session.request({ type: "taskStart" })).header.type, "ready");
    for (let k = 0; k < 3; k++) {
      const observation = Float32Array.from({ length: 39 }, (_, i) => Math.sin(i + k) * 0.3);
      const expected = (model.predict(tf.tensor2d(observation, [1, 39])) as tf.Tensor).dataSync();
      const reply = await session.request(
        { type: "act", episodeStart: k === 0, mode: "eval" },
        { observation: { dtype: "float32", shape: [39], data: observation } },
      );
      assert.equal(reply.header.type, "continuousAction");
      const action = reply.tensors.action!.data as Float32Array;
      assert.equal(action.length, 4);
      action.forEach((v, i) =>
        assert.ok(Math.abs(v - expected[i]!) < 1e-5, `step ${k}, action ${i}: ${v} vs ${expected[i]}`),
      );
    }
  } finally {
    await session.close();
  }
});
