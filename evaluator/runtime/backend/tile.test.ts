import assert from "node:assert/strict";
import { test } from "node:test";
import { selectBackend } from "./index";

type Case = { name: string; shape: number[]; reps: number[]; dtype: "float32" | "int32" | "bool" };

const cases: Case[] = [
  { name: "batch-norm broadcast", shape: [1, 1, 1, 5], reps: [3, 4, 2, 1], dtype: "float32" },
  { name: "int32 broadcast", shape: [2, 1, 3], reps: [1, 4, 1], dtype: "int32" },
  { name: "no repeat", shape: [2, 3], reps: [1, 1], dtype: "float32" },
  // Not a broadcast, or a dtype the rewrite leaves alone: the package's own kernel answers.
  { name: "repeating a non-unit axis", shape: [2, 3], reps: [2, 3], dtype: "float32" },
  { name: "bool broadcast", shape: [1, 3], reps: [2, 1], dtype: "bool" },
];

async function tiled(backend: "wasm" | "cpu", c: Case): Promise<number[]> {
  const { tf } = await selectBackend({ prefer: backend });
  const count = c.shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: count }, (_, i) =>
    c.dtype === "bool" ? i % 2 : i * 1.5 - 3 + (c.dtype === "int32" ? 0.5 : 0),
  );
  const x = tf.tensor(c.dtype === "int32" ? values.map(Math.round) : values, c.shape, c.dtype);
  const y = tf.tile(x, c.reps);
  const out = { shape: y.shape, values: Array.from(await y.data()) };
  tf.dispose([x, y]);
  assert.deepEqual(
    out.shape,
    c.shape.map((size, axis) => size * c.reps[axis]),
  );
  return out.values;
}

for (const c of cases) {
  test(`tile on wasm equals cpu exactly: ${c.name}`, async () => {
    assert.deepEqual(await tiled("wasm", c), await tiled("cpu", c));
  });
}

test("tile on wasm keeps the sign of zeros and NaN", async () => {
  const { tf } = await selectBackend({ prefer: "wasm" });
  const y = tf.tile(tf.tensor([[-0, Number.NaN]]), [2, 1]);
  const values = Array.from(await y.data());
  assert.ok(Object.is(values[0], -0) && Number.isNaN(values[1]) && Object.is(values[2], -0) && Number.isNaN(values[3]));
});
