import assert from "node:assert/strict";
import { test } from "node:test";
import { largestDifference, seededValues } from "@/testing/backends/comparing";
import { selectBackend } from "./index";

// Largest |wasm − cpu| allowed, relative to the largest |cpu| gradient entry:
// the two backends sum in different orders in float32 (seen: below 1e-6).
const relativeTolerance = 1e-5;

type Case = {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: 1 | 2;
  pad: "same" | "valid";
};

const cases: Case[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 2], strides: 1, pad: "valid" },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: "same" },
  { x: [3, 9, 9, 3], filter: [3, 3, 3, 5], strides: 2, pad: "same" },
  { x: [2, 10, 11, 1], filter: [4, 4, 1, 8], strides: 2, pad: "valid" },
  { x: [4, 7, 7, 64], filter: [3, 3, 64, 64], strides: 1, pad: "same" },
  { x: [2, 12, 12, 64], filter: [3, 3, 64, 32], strides: 2, pad: "valid" },
  { x: [5, 20, 20, 4], filter: [8, 8, 4, 6], strides: 2, pad: "same" },
];

async function filterGradient(backend: "wasm" | "cpu", c: Case): Promise<Float32Array> {
  const { tf } = await selectBackend({ prefer: backend });
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor4d(seededValues(size(c.x), 1), c.x);
  const filter = tf.tensor4d(seededValues(size(c.filter), 2), c.filter);
  const y = tf.conv2d(x, filter, c.strides, c.pad);
  const weights = tf.tensor(seededValues(size(y.shape), 3), y.shape);
  const gradient = tf.grad((f) =>
    tf
      .conv2d(x, f as typeof filter, c.strides, c.pad)
      .mul(weights)
      .sum(),
  )(filter);
  const values = (await gradient.data()) as Float32Array;
  tf.dispose([x, filter, y, weights, gradient]);
  return values;
}

for (const c of cases) {
  test(`conv2d filter gradient on wasm matches cpu: x ${c.x} filter ${c.filter} stride ${c.strides} ${c.pad}`, async () => {
    const { worst, scale } = largestDifference(await filterGradient("wasm", c), await filterGradient("cpu", c));
    assert.ok(scale > 0, "the cpu gradient is all zeros, so the comparison would prove nothing");
    assert.ok(worst <= relativeTolerance * scale, `max |wasm − cpu| = ${worst}, allowed ${relativeTolerance * scale}`);
  });
}

test("the wasm kernel refuses NCHW input with a clear message", async () => {
  const { tf } = await selectBackend({ prefer: "wasm" });
  const x = tf.zeros([1, 1, 4, 4]);
  const dy = tf.zeros([1, 1, 2, 2]);
  const attrs = { strides: 1, pad: "valid", dataFormat: "NCHW", filterShape: [3, 3, 1, 1] };
  assert.throws(
    () => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs),
    /supports dataFormat NHWC only, got NCHW/,
  );
  tf.dispose([x, dy]);
});
