import type * as tfjs from "@tensorflow/tfjs";

export function cholesky(k: Float64Array, n: number): Float64Array;
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>, m: number): Float64Array;
export function solveSpd(tf: typeof tfjs, k: tfjs.Tensor2D, y: tfjs.Tensor2D): tfjs.Tensor2D;
export function ridgeWeights(
  tf: typeof tfjs,
  support: tfjs.Tensor2D,
  labels: tfjs.Tensor1D,
  ways: number,
  lambda: tfjs.Scalar | number,
): tfjs.Tensor2D;
export function ridgeLogits(
  tf: typeof tfjs,
  query: tfjs.Tensor2D,
  weights: tfjs.Tensor2D,
  scale: tfjs.Scalar | number,
): tfjs.Tensor2D;
