import assert from "node:assert/strict";
import { test } from "node:test";
import { findNativeTfjs } from "../runtime/backend/native";
import { runOneEpisode, learnerBundle } from "@/testing/sandbox/harness";

const native = findNativeTfjs();

test(
  "with a built tfjs-node package the sandbox runs the native TensorFlow backend, shared with the bundle's own import",
  { skip: !native && "no native TensorFlow package is built (scripts/setup-native.sh)" },
  async () => {
    const bundle = await learnerBundle(`
import * as tf from "@tensorflow/tfjs";
export default ({ tf: runtimeTf, task }) => {
  console.log("backend", tf.getBackend(), "same-instance", tf.engine() === runtimeTf.engine());
  return {
    adapt({ images }) { tf.conv2d(images, tf.ones([3, 3, 1, 2]), 1, "same").dataSync(); },
    predict: ({ images }) => tf.fill([images.shape[0], task.ways], 1 / task.ways),
  };
};`);
    try {
      const run = await runOneEpisode(bundle, { backend: "tensorflow", tfjsNodePath: native!.path });
      assert.equal(run.error, undefined, `${String(run.error)}\n${run.session.log()}`);
      assert.equal(run.session.hello.backend, "tensorflow");
      assert.match(run.session.log(), /backend tensorflow same-instance true/);
      assert.deepEqual(run.frame?.tensors.probabilities?.shape, [6, 3]);
    } finally {
      await bundle.remove();
    }
  },
);
