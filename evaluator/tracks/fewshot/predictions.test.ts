import assert from "node:assert/strict";
import { test } from "node:test";
import { UserCodeError } from "@/lib/core/errors";
import type { Frame, WireTensor } from "@/evaluator/protocol/framing";
import { readPredictions } from "./predictions";

const expected = { index: 3, queries: 4, ways: 2 };
const good = [0.9, 0.1, 0.5, 0.5, 0.25, 0.75, 0, 1];

function reply(
  data: number[] | WireTensor["data"],
  overrides: Partial<WireTensor> = {},
  header: Frame["header"] = { type: "predictions", index: 3 },
  name = "probabilities",
): Frame {
  const tensor: WireTensor = {
    dtype: "float32",
    shape: [4, 2],
    data: Array.isArray(data) ? Float32Array.from(data) : data,
    ...overrides,
  };
  return { header, tensors: { [name]: tensor } };
}

function rejects(r: Frame, message: string) {
  assert.throws(
    () => readPredictions(r, expected),
    (error: unknown) => error instanceof UserCodeError && error.reason === "output" && error.message === message,
    message,
  );
}

test("valid probabilities come back unchanged", () => {
  assert.deepEqual([...readPredictions(reply(good), expected)], [...Float32Array.from(good)]);
  // Rows may be off by float32 rounding, within 1e-3.
  readPredictions(reply([0.9, 0.1005, 0.5, 0.5, 0.25, 0.75, 0, 1]), expected);
});

test("wrong shape", () => {
  rejects(reply(good, { shape: [2, 4] }), "episode 3: probabilities have shape [2,4], expected [4,2]");
  rejects(
    reply([0.5, 0.25, 0.25, 0.5, 0.25, 0.25], { shape: [2, 3] }),
    "episode 3: probabilities have shape [2,3], expected [4,2]",
  );
  rejects(reply(good, { shape: [8] }), "episode 3: probabilities have shape [8], expected [4,2]");
});

test("wrong dtype", () => {
  rejects(
    reply(Int32Array.from([1, 0, 1, 0, 1, 0, 1, 0]), { dtype: "int32" }),
    "episode 3: probabilities have dtype int32, expected float32",
  );
});

test("NaN, infinity, negative and above-one values", () => {
  rejects(reply([0.9, 0.1, NaN, 0.5, 0.25, 0.75, 0, 1]), "episode 3: probability at row 1, column 0 is NaN");
  rejects(reply([0.9, 0.1, 0.5, 0.5, 0.25, Infinity, 0, 1]), "episode 3: probability at row 2, column 1 is Infinity");
  rejects(
    reply([0.9, 0.1, 0.5, 0.5, 0.25, 0.75, -0.5, 1.5]),
    "episode 3: probability at row 3, column 0 is -0.5, which is negative",
  );
  rejects(
    reply([1.5, -0.5, 0.5, 0.5, 0.25, 0.75, 0, 1]),
    "episode 3: probability at row 0, column 0 is 1.5, which is above 1",
  );
});

test("rows not summing to one", () => {
  rejects(reply([0.9, 0.1, 0.5, 0.5, 0.25, 0.46, 0, 1]), "episode 3: row 2 sums to 0.71, expected 1");
  rejects(reply([0, 0, 0.5, 0.5, 0.25, 0.75, 0, 1]), "episode 3: row 0 sums to 0, expected 1");
});

test("a reply of the wrong type, for another episode, or without the tensor", () => {
  rejects(reply(good, {}, { type: "ready" }), 'episode 3: expected a "predictions" reply, got "ready"');
  rejects(reply(good, {}, { type: "predictions", index: 4 }), "episode 3: the reply is for episode 4");
  rejects(
    reply(good, {}, { type: "predictions", index: 3 }, "probs"),
    'episode 3: the reply has no "probabilities" tensor',
  );
});
