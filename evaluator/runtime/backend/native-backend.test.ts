import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { largestDifference, seededValues } from "@/testing/backends/comparing";
import { selectBackend } from "./index";
import { findNativeTfjs } from "./native";

// Largest |tensorflow − cpu| over the largest |cpu| entry (oneDNN sums in its own order).
const relativeTolerance = 1e-5;
const native = findNativeTfjs();
const skip = native ? false : "no native TensorFlow package is built here (scripts/setup-native.sh builds one)";

async function convAndFilterGradient(
  prefer: "tensorflow" | "cpu",
): Promise<{ backend: string; y: Float32Array; dw: Float32Array }> {
  const { tf, backend } = await selectBackend({ prefer, tfjsNodePath: native?.path });
  const x = tf.tensor4d(seededValues(3 * 14 * 14 * 8, 1), [3, 14, 14, 8]);
  const w = tf.tensor4d(seededValues(3 * 3 * 8 * 16, 2), [3, 3, 8, 16]);
  const y = tf.conv2d(x, w, 2, "same");
  const dw = tf.grad((f) =>
    tf
      .conv2d(x, f as typeof w, 2, "same")
      .square()
      .sum(),
  )(w);
  const out = { backend, y: (await y.data()) as Float32Array, dw: (await dw.data()) as Float32Array };
  tf.dispose([x, w, y, dw]);
  return out;
}

function assertClose(actual: Float32Array, expected: Float32Array, what: string) {
  const { worst, scale } = largestDifference(actual, expected);
  assert.ok(
    scale > 0 && worst <= relativeTolerance * scale,
    `${what}: max |tensorflow − cpu| ${worst}, scale ${scale}`,
  );
}

test("the native package selects the tensorflow backend and its conv2d matches cpu", { skip }, async () => {
  const tensorflow = await convAndFilterGradient("tensorflow");
  assert.equal(tensorflow.backend, "tensorflow");
  const cpu = await convAndFilterGradient("cpu");
  assertClose(tensorflow.y, cpu.y, "conv2d");
  assertClose(tensorflow.dw, cpu.dw, "conv2d filter gradient");
});

test("the native package shares the tfjs engine that plain @tensorflow/tfjs imports see", { skip }, async () => {
  const { tf } = await selectBackend({ prefer: "tensorflow", tfjsNodePath: native?.path });
  const plain = createRequire(import.meta.url)("@tensorflow/tfjs") as typeof tf;
  assert.equal(plain.getBackend(), "tensorflow");
  assert.equal(plain.engine(), tf.engine());
});
