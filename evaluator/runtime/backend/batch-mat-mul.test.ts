import assert from "node:assert/strict";
import { test } from "node:test";
import { largestDifference, seededValues } from "@/testing/backends/comparing";
import { selectBackend } from "./index";

// Largest |wasm − cpu| over the largest |cpu| entry (float32 sums in different orders).
const relativeTolerance = 1e-5;

type Case = { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean };

const cases: Case[] = [
  { a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
  { a: [7, 5], b: [7, 3], transposeA: true, transposeB: false },
  { a: [5, 7], b: [3, 7], transposeA: false, transposeB: true },
  { a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
  { a: [32, 300], b: [32, 64], transposeA: true, transposeB: false },
  { a: [2, 6, 4], b: [2, 5, 6], transposeA: true, transposeB: true },
];

async function product(backend: "wasm" | "cpu", c: Case): Promise<{ shape: number[]; values: Float32Array }> {
  const { tf } = await selectBackend({ prefer: backend });
  const size = (shape: number[]) => shape.reduce((x, y) => x * y, 1);
  const a = tf.tensor(seededValues(size(c.a), 8), c.a);
  const b = tf.tensor(seededValues(size(c.b), 9), c.b);
  const y = tf.matMul(a, b, c.transposeA, c.transposeB);
  const out = { shape: y.shape, values: (await y.data()) as Float32Array };
  tf.dispose([a, b, y]);
  return out;
}

for (const c of cases) {
  test(`matMul on wasm matches cpu: a ${c.a}${c.transposeA ? "ᵀ" : ""} · b ${c.b}${c.transposeB ? "ᵀ" : ""}`, async () => {
    const wasm = await product("wasm", c);
    const cpu = await product("cpu", c);
    assert.deepEqual(wasm.shape, cpu.shape);
    const { worst, scale } = largestDifference(wasm.values, cpu.values);
    assert.ok(worst <= relativeTolerance * scale, `max |wasm − cpu| = ${worst}, allowed ${relativeTolerance * scale}`);
  });
}
