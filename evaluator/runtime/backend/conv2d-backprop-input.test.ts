import assert from "node:assert/strict";
import { test } from "node:test";
import { largestDifference, seededValues } from "@/testing/backends/comparing";
import { selectBackend } from "./index";

// Largest |wasm − cpu| allowed, relative to the largest |cpu| gradient entry (seen: below 1e-6).
const relativeTolerance = 1e-5;

type Pad = "same" | "valid" | [[0, 0], [number, number], [number, number], [0, 0]];
type Case = {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: 1 | 2 | 4;
  pad: Pad;
};

const cases: Case[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 2], strides: 1, pad: "valid" },
  { x: [3, 8, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: "same" },
  { x: [4, 7, 7, 64], filter: [3, 3, 64, 64], strides: 1, pad: "same" },
  { x: [2, 9, 9, 2], filter: [4, 2, 2, 3], strides: 1, pad: "same" },
  {
    x: [2, 6, 6, 2],
    filter: [3, 3, 2, 2],
    strides: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 3],
      [0, 0],
    ],
  },
  { x: [3, 9, 9, 3], filter: [3, 3, 3, 5], strides: 2, pad: "same" },
  { x: [2, 10, 11, 2], filter: [4, 4, 2, 3], strides: 2, pad: "valid" },
  { x: [2, 20, 20, 4], filter: [8, 8, 4, 6], strides: 4, pad: "valid" },
  { x: [2, 9, 9, 32], filter: [4, 4, 32, 64], strides: 2, pad: "same" },
  // Padding wider than the filter: the package's own kernel must still answer.
  {
    x: [2, 6, 6, 1],
    filter: [2, 2, 1, 2],
    strides: 1,
    pad: [
      [0, 0],
      [3, 0],
      [0, 0],
      [0, 0],
    ],
  },
];

async function inputGradient(backend: "wasm" | "cpu", c: Case): Promise<Float32Array> {
  const { tf } = await selectBackend({ prefer: backend });
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor4d(seededValues(size(c.x), 4), c.x);
  const filter = tf.tensor4d(seededValues(size(c.filter), 5), c.filter);
  const y = tf.conv2d(x, filter, c.strides, c.pad);
  const weights = tf.tensor(seededValues(size(y.shape), 6), y.shape);
  const gradient = tf.grad((input) =>
    tf
      .conv2d(input as typeof x, filter, c.strides, c.pad)
      .mul(weights)
      .sum(),
  )(x);
  const values = (await gradient.data()) as Float32Array;
  tf.dispose([x, filter, y, weights, gradient]);
  return values;
}

for (const c of cases) {
  test(`conv2d input gradient on wasm matches cpu: x ${c.x} filter ${c.filter} stride ${c.strides} pad ${JSON.stringify(c.pad)}`, async () => {
    const { worst, scale } = largestDifference(await inputGradient("wasm", c), await inputGradient("cpu", c));
    assert.ok(scale > 0, "the cpu gradient is all zeros, so the comparison would prove nothing");
    assert.ok(worst <= relativeTolerance * scale, `max |wasm − cpu| = ${worst}, allowed ${relativeTolerance * scale}`);
  });
}
