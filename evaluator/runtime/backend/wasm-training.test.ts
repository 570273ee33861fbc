import assert from "node:assert/strict";
import { test } from "node:test";
import type * as tfjs from "@tensorflow/tfjs";
import { largestDifference, seededValues } from "@/testing/backends/comparing";
import { selectBackend } from "./index";
import { conv4, dqnLoss, natureDqn, protoNetLoss } from "./nets";

// Largest |wasm − cpu| gradient entry over the largest |cpu| one of the whole
// network: per variable would be noise-on-zero for conv biases followed by
// batch norm, whose true gradient is 0.
const relativeTolerance = 1e-4;

// Losses along an Adam trajectory may differ a little more: Adam's first steps
// are ±lr whatever the gradient's size, so rounding-level differences in
// near-zero gradients move weights by different (tiny) amounts.
const adamTolerance = 1e-3;
const adamSteps = 2;

type Tf = typeof tfjs;
type Build = (tf: Tf) => { model: tfjs.Sequential; loss: () => tfjs.Scalar };

const protoNet: Build = (tf) => {
  const episode = { ways: 2, shots: 1, queries: 1 };
  const model = conv4(tf);
  const images = tf.tensor4d(seededValues(4 * 28 * 28, 7), [4, 28, 28, 1]);
  return { model, loss: () => protoNetLoss(tf, model, images, episode) };
};

const dqn: Build = (tf) => {
  const model = natureDqn(tf, 4);
  const batch = {
    observations: tf.tensor4d(seededValues(4 * 84 * 84 * 4, 11), [4, 84, 84, 4]),
    actions: tf.tensor1d([0, 3, 1, 2], "int32"),
    targets: tf.tensor1d([0.5, -1, 2, 0]),
  };
  return { model, loss: () => dqnLoss(tf, model, batch, 4) };
};

/** Gradients of every trainable weight, from the same starting weights on each backend. */
async function gradients(backend: "wasm" | "cpu", build: Build, weights: Float32Array[]): Promise<Float32Array[]> {
  const { tf } = await selectBackend({ prefer: backend });
  const { model, loss } = build(tf);
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  const variables = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
  const { grads } = tf.variableGrads(loss, variables);
  return Promise.all(variables.map((v) => grads[v.name].data() as Promise<Float32Array>));
}

/** The loss before each of `adamSteps` Adam updates and after the last, from the given weights. */
async function adamLosses(backend: "wasm" | "cpu", build: Build, weights: Float32Array[]): Promise<number[]> {
  const { tf } = await selectBackend({ prefer: backend });
  const { model, loss } = build(tf);
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
  const optimizer = tf.train.adam(1e-4);
  const losses: number[] = [];
  for (let step = 0; step < adamSteps; step++) losses.push((await optimizer.minimize(loss, true)!.data())[0]);
  losses.push((await loss().data())[0]);
  return losses;
}

/**
 * The same starting weights on every run: constant initializers (batch norm, biases) as built, each random one
 * replaced by seeded values of its range. A fresh random draw now and then put a near-zero gradient where Adam's
 * first ±lr step turns rounding into a loss difference just past the tolerance.
 */
async function startingWeights(build: Build): Promise<Float32Array[]> {
  const { tf } = await selectBackend({ prefer: "cpu" });
  const initial = await Promise.all(
    build(tf)
      .model.getWeights()
      .map((w) => w.data() as Promise<Float32Array>),
  );
  return initial.map((values, i) => {
    if (values.every((v) => v === values[0])) return values;
    const limit = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    return seededValues(values.length, 1000 + i).map((v) => v * limit);
  });
}

for (const [name, build] of [
  ["Conv-4 ProtoNet", protoNet],
  ["Nature DQN", dqn],
] as const) {
  test(`${name}: every gradient on wasm matches cpu`, async () => {
    const weights = await startingWeights(build);
    const cpu = await gradients("cpu", build, weights);
    const wasm = await gradients("wasm", build, weights);
    assert.equal(wasm.length, cpu.length);
    const differences = cpu.map((expected, v) => largestDifference(wasm[v], expected));
    const scale = Math.max(...differences.map((d) => d.scale));
    assert.ok(scale > 0, "every cpu gradient is zero, so the comparison would prove nothing");
    differences.forEach(({ worst }, v) => {
      assert.ok(worst <= relativeTolerance * scale, `variable ${v}: max |wasm − cpu| ${worst}, scale ${scale}`);
    });
  });

  test(`${name}: Adam steps on wasm follow the same losses as on cpu`, async () => {
    const weights = await startingWeights(build);
    const cpu = await adamLosses("cpu", build, weights);
    const wasm = await adamLosses("wasm", build, weights);
    assert.ok(cpu.every(Number.isFinite) && cpu[0] !== cpu[adamSteps], `cpu losses ${cpu}`);
    cpu.forEach((expected, step) => {
      const allowed = adamTolerance * Math.max(1, Math.abs(expected));
      assert.ok(Math.abs(wasm[step] - expected) <= allowed, `after ${step} steps: wasm ${wasm[step]}, cpu ${expected}`);
    });
  });
}
