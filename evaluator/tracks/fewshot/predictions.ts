import { UserCodeError } from "@/lib/core/errors";
import type { Frame } from "@/evaluator/protocol/framing";

/** A row's probabilities may sum to 1 ± this (float32 softmax rounding, a little slack for user code). */
export const ROW_SUM_TOLERANCE = 1e-3;
/** float32 rounding can put a probability a hair above 1. */
const ABOVE_ONE_TOLERANCE = 1e-6;

/**
 * Checks a `predictions` reply for episode `index` and returns its probabilities, row-major [queries, ways].
 * Everything that crosses the sandbox boundary is checked here before it is scored: message type and index, tensor
 * name, dtype and exact shape, then every value finite and in [0, 1], then every row summing to 1 within 1e-3.
 * Throws UserCodeError("output", ...) naming the episode and the exact problem.
 */
export function readPredictions(
  reply: Frame,
  expected: { index: number; queries: number; ways: number },
): Float32Array {
  const { index, queries, ways } = expected;
  // float32 values read best at float32 precision: -0.2, not -0.20000000298023224.
  const show = (v: number) => String(Number(v.toPrecision(6)));
  const fail = (problem: string): never => {
    throw new UserCodeError("output", `episode ${index}: ${problem}`);
  };
  if (reply.header.type !== "predictions") fail(`expected a "predictions" reply, got "${String(reply.header.type)}"`);
  if (reply.header.index !== index) fail(`the reply is for episode ${JSON.stringify(reply.header.index)}`);
  const tensor = reply.tensors.probabilities;
  if (!tensor) fail(`the reply has no "probabilities" tensor`);
  const { dtype, shape, data } = tensor!;
  if (dtype !== "float32" || !(data instanceof Float32Array))
    fail(`probabilities have dtype ${dtype}, expected float32`);
  if (shape.length !== 2 || shape[0] !== queries || shape[1] !== ways) {
    fail(`probabilities have shape [${shape.join(",")}], expected [${queries},${ways}]`);
  }
  const p = data as Float32Array;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (v >= 0 && v <= 1 + ABOVE_ONE_TOLERANCE) continue;
    const where = `probability at row ${Math.floor(i / ways)}, column ${i % ways}`;
    if (Number.isNaN(v)) fail(`${where} is NaN`);
    if (!Number.isFinite(v)) fail(`${where} is ${v}`);
    fail(`${where} is ${show(v)}, which is ${v < 0 ? "negative" : "above 1"}`);
  }
  for (let row = 0; row < queries; row++) {
    let sum = 0;
    for (let k = 0; k < ways; k++) sum += p[row * ways + k];
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) fail(`row ${row} sums to ${show(sum)}, expected 1`);
  }
  return p;
}
