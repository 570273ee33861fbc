import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { createRng } from "@/lib/core/random";
import { cholesky, choleskySolve, ridgeWeights, solveSpd } from "./bundle/ridge.mjs";

// The R2-D2 head: the Woodbury-form ridge solve is exact, and its gradient (the adjoint of the Cholesky solve) is
// the true derivative, checked against float64 finite differences of the same function.

const n = 10; // 5-way 2-shot
const d = 16;
const ways = 5;
const random = createRng(7).next;
const features = Float64Array.from({ length: n * d }, () => random() * 2 - 1);
const labels = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 2));
const upstream = Float64Array.from({ length: d * ways }, () => random() * 2 - 1);

/** W = Sᵀ (S Sᵀ + λI)⁻¹ Y in float64, straight from the definition. */
function ridgeReference(s: Float64Array, lambda: number): Float64Array {
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let p = 0; p < d; p++) k[i * n + j] += s[i * d + p]! * s[j * d + p]!;
  for (let i = 0; i < n; i++) k[i * n + i] += lambda;
  const y = new Float64Array(n * ways);
  labels.forEach((label, i) => (y[i * ways + label] = 1));
  const a = choleskySolve(cholesky(k, n), n, y, ways);
  const w = new Float64Array(d * ways);
  for (let p = 0; p < d; p++)
    for (let c = 0; c < ways; c++) for (let i = 0; i < n; i++) w[p * ways + c] += s[i * d + p]! * a[i * ways + c]!;
  return w;
}

const loss = (s: Float64Array, lambda: number) =>
  ridgeReference(s, lambda).reduce((sum, w, i) => sum + w * upstream[i]!, 0);

test("the Woodbury solve equals the primal ridge solution (SᵀS + λI)⁻¹SᵀY", () => {
  const lambda = 0.5;
  const w = tf.tidy(() =>
    ridgeWeights(
      tf,
      tf.tensor2d(Float32Array.from(features), [n, d]),
      tf.tensor1d(labels, "int32"),
      ways,
      lambda,
    ).dataSync(),
  );
  // Primal form in float64: a d×d system.
  const g = new Float64Array(d * d);
  for (let p = 0; p < d; p++)
    for (let q = 0; q < d; q++) for (let i = 0; i < n; i++) g[p * d + q] += features[i * d + p]! * features[i * d + q]!;
  for (let p = 0; p < d; p++) g[p * d + p] += lambda;
  const sty = new Float64Array(d * ways);
  labels.forEach((label, i) => {
    for (let p = 0; p < d; p++) sty[p * ways + label] += features[i * d + p]!;
  });
  const primal = choleskySolve(cholesky(g, d), d, sty, ways);
  const worst = Math.max(...primal.map((v, i) => Math.abs(v - w[i]!)));
  assert.ok(worst < 1e-5, `max |Δ| ${worst}`);
});

test("gradients through the solve match float64 finite differences (features and λ)", () => {
  const lambda = 0.5;
  const s = tf.tensor2d(Float32Array.from(features), [n, d]);
  const c = tf.tensor2d(Float32Array.from(upstream), [d, ways]);
  const [gradS, gradLambda] = tf.grads((sIn: tf.Tensor, lambdaIn: tf.Tensor) =>
    ridgeWeights(tf, sIn as tf.Tensor2D, tf.tensor1d(labels, "int32"), ways, lambdaIn as tf.Scalar)
      .mul(c)
      .sum(),
  )([s, tf.scalar(lambda)]);
  const analytic = gradS!.dataSync();
  const h = 1e-6;
  let worst = 0;
  for (let i = 0; i < n * d; i++) {
    const plus = Float64Array.from(features);
    const minus = Float64Array.from(features);
    plus[i]! += h;
    minus[i]! -= h;
    const numeric = (loss(plus, lambda) - loss(minus, lambda)) / (2 * h);
    worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1, Math.abs(numeric)));
  }
  assert.ok(worst < 1e-3, `features: worst relative error ${worst}`);
  const numericLambda = (loss(features, lambda + h) - loss(features, lambda - h)) / (2 * h);
  const errorLambda = Math.abs(numericLambda - gradLambda!.dataSync()[0]!) / Math.max(1, Math.abs(numericLambda));
  assert.ok(errorLambda < 1e-3, `λ: relative error ${errorLambda}`);
});

test("the solve leaves a residual at float32 precision on a 100×100 system (20-way 5-shot)", () => {
  const size = 100;
  const rows = Float32Array.from({ length: size * 64 }, () => random());
  const result = tf.tidy(() => {
    const s = tf.tensor2d(rows, [size, 64]);
    const k = tf.matMul(s, s, false, true).add(tf.eye(size).mul(0.1)) as tf.Tensor2D;
    const y = tf
      .oneHot(
        tf.tensor1d(
          Int32Array.from({ length: size }, (_, i) => i % 20),
          "int32",
        ),
        20,
      )
      .toFloat() as tf.Tensor2D;
    const x = solveSpd(tf, k, y);
    return { residual: tf.matMul(k, x).sub(y).abs().max().dataSync()[0]!, scale: y.abs().max().dataSync()[0]! };
  });
  assert.ok(result.residual < 1e-3 * result.scale, `max |KX − Y| ${result.residual}`);
});

test("a system that is not positive definite is refused with the pivot named", () => {
  const features = tf.tensor2d([1, 0, 1, 0], [2, 2]);
  assert.throws(
    () => ridgeWeights(tf, features, tf.tensor1d([0, 1], "int32"), 2, 0),
    /ridge system is not positive definite \(pivot 1 is 0\)/,
  );
  assert.throws(
    () => ridgeWeights(tf, tf.tensor2d([NaN, 0, 1, 0], [2, 2]), tf.tensor1d([0, 1], "int32"), 2, 1),
    /not positive definite \(pivot 0 is NaN\)/,
  );
});
