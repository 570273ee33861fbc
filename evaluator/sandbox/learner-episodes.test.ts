import assert from "node:assert/strict";
import { after, test } from "node:test";
import { launchSandbox } from "./launch";
import { fewshotTask, learnerBundle, syntheticEpisode, TEST_LIMITS, type TestBundle } from "@/testing/sandbox/harness";

/**
 * A nearest-class-mean learner written against the public contract: it imports its own `@tensorflow/tfjs`,
 * reports whether that is the runtime's instance, leaks tensors on purpose (the runtime must clean up), and
 * returns its probabilities in the form named by options.output.
 */
const source = `
import * as tf from "@tensorflow/tfjs";
export default async function create({ tf: runtimeTf, options, task }) {
  await Promise.resolve();
  console.log("same-instance", tf.engine() === runtimeTf.engine() && tf.Tensor === runtimeTf.Tensor);
  let means;
  return {
    adapt({ images, labels, ways, shots }) {
      if (shots !== task.shots) throw new Error("shots " + shots);
      const flat = images.reshape([images.shape[0], -1]);
      const onehot = tf.oneHot(labels, ways).toFloat();
      tf.square(flat); // leaked on purpose
      means = tf.matMul(onehot, flat, true, false).div(onehot.sum(0).expandDims(1));
    },
    async predict({ images }) {
      const flat = images.reshape([images.shape[0], -1]);
      const d = tf.sub(flat.expandDims(1), means.expandDims(0)).square().sum(2);
      const p = tf.softmax(d.neg().mul(100));
      console.log("tensors", tf.memory().numTensors);
      if (options.output === "array") return p.array();
      if (options.output === "float32") return p.dataSync();
      return p;
    },
  };
}`;

const bundles: TestBundle[] = [];
after(() => Promise.all(bundles.map((b) => b.remove())));

for (const output of ["tensor", "array", "float32"]) {
  test(`a learner returning its probabilities as ${output} classifies every episode and leaks no tensors across episodes`, async () => {
    const bundle = await learnerBundle(source, { output });
    bundles.push(bundle);
    const session = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "cpu" });
    assert.equal(session.hello.backend, "cpu");
    const task = fewshotTask(4, 3, 5, [6, 6, 1]);
    assert.equal((await session.request({ type: "init", manifest: bundle.manifest, task })).header.type, "ready");
    const { tensors, queryLabels } = syntheticEpisode(task);
    for (let index = 0; index < 30; index++) {
      const reply = await session.request({ type: "episode", index, ways: task.ways }, tensors);
      assert.deepEqual(reply.header, { type: "predictions", index });
      const probabilities = reply.tensors.probabilities!;
      assert.equal(probabilities.dtype, "float32");
      assert.deepEqual(probabilities.shape, [queryLabels.length, task.ways]);
      queryLabels.forEach((label, q) => {
        const row = Array.from(probabilities.data.subarray(q * task.ways, (q + 1) * task.ways));
        assert.equal(row.indexOf(Math.max(...row)), label, `episode ${index} query ${q}: ${row}`);
      });
    }
    const exit = await session.close();
    assert.deepEqual(exit, { code: 0, signal: null, failure: undefined });
    const log = session.log();
    assert.match(log, /same-instance true/);
    const counts = [...log.matchAll(/tensors (\d+)/g)].map((m) => Number(m[1]));
    assert.equal(counts.length, 30);
    assert.equal(counts.at(-1), counts[1], `tensor count grew across episodes: ${counts.join(",")}`);
  });
}
