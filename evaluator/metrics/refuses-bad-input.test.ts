import assert from "node:assert/strict";
import { test } from "node:test";
import { brierScore } from "./brier";
import { calibrationBins } from "./calibration";
import { negativeLogLikelihood } from "./nll";
import { optimalityGap } from "./optimality-gap";
import { fractionAbove } from "./performance-profile";
import { percentileInterval } from "./stratified-bootstrap";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test("optimalityGap refuses a NaN or infinite gamma", () => {
  // γ = 2 on [3, 1, 2]: min(·, 2) = 2, 1, 2 → 2 − 5/3.
  close(optimalityGap([[3, 1, 2]], 2), 1 / 3);
  assert.throws(() => optimalityGap([[3, 1, 2]], Number.NaN), {
    name: "RangeError",
    message: "gamma is NaN, not a finite number",
  });
  assert.throws(() => optimalityGap([[3, 1, 2]], Infinity), /gamma is Infinity/);
});

test("fractionAbove refuses NaN, ragged or empty scores and a NaN threshold", () => {
  // Strictly above 0.5 of 0.1, 0.5, 0.9, 2: two of four.
  assert.equal(
    fractionAbove(
      [
        [0.1, 0.5],
        [0.9, 2],
      ],
      0.5,
    ),
    0.5,
  );
  assert.throws(
    () =>
      fractionAbove(
        [
          [0.1, Number.NaN],
          [0.9, 2],
        ],
        0.5,
      ),
    { name: "RangeError", message: "scores[0][1] is NaN, not a finite number" },
  );
  assert.throws(() => fractionAbove([], 0.5), /scores has no runs/);
  assert.throws(() => fractionAbove([[1, 2], [3]], 0.5), /scores run 1 has 1 tasks, run 0 has 2/);
  assert.throws(() => fractionAbove([[1, 2]], Number.NaN), {
    name: "RangeError",
    message: "tau 0 is NaN, not a finite number",
  });
});

test("percentileInterval refuses NaN and empty input", () => {
  // [3, 1, 2] sorted 1, 2, 3; 50% interval: quantiles 0.25 and 0.75 at positions 0.5 and 1.5 → 1.5 and 2.5.
  assert.deepEqual(percentileInterval([3, 1, 2], 0.5), { low: 1.5, high: 2.5 });
  assert.throws(() => percentileInterval([]), {
    name: "RangeError",
    message: "no values to take a percentile interval of",
  });
  assert.throws(() => percentileInterval([1, Number.NaN, 3]), {
    name: "RangeError",
    message: "value 1 is NaN, not a finite number",
  });
});

test("NLL and Brier refuse a label outside 0..classes-1 instead of reading the next row", () => {
  // Rows [0.5, 0.5] label 1 and [0.9, 0.1] label 0: NLL (−ln 0.5 − ln 0.9) / 2; Brier (0.25 + 0.25 + 0.01 + 0.01) / 2.
  const valid = { probabilities: [0.5, 0.5, 0.9, 0.1], labels: [1, 0], classes: 2 };
  close(negativeLogLikelihood(valid), (-Math.log(0.5) - Math.log(0.9)) / 2);
  close(brierScore(valid), 0.26);
  // Label 2 of 2 classes: row 0's "probability" would have been row 1's 0.9.
  const past = { ...valid, labels: [2, 0] };
  for (const metric of [negativeLogLikelihood, brierScore]) {
    assert.throws(() => metric(past), { name: "RangeError", message: "label 0 is 2, not a class in 0..1" });
    assert.throws(() => metric({ ...valid, labels: [0, -1] }), /label 1 is -1, not a class in 0\.\.1/);
    assert.throws(() => metric({ ...valid, labels: [0.5, 0] }), /label 0 is 0\.5/);
    assert.throws(() => metric({ ...valid, labels: [] }), /no predictions/);
    assert.throws(
      () => metric({ ...valid, probabilities: [0.5, 0.5, 0.9] }),
      /3 probabilities for 2 labels × 2 classes/,
    );
  }
});

test("ECE bins refuse a NaN row instead of dropping it", () => {
  // Valid: row [0.2, 0.8] label 1 → confidence 0.8, bin ⌈0.8·15⌉ − 1 = 11, right.
  const bins = calibrationBins({ probabilities: [0.2, 0.8], labels: [1], classes: 2 });
  assert.equal(bins.count[11], 1);
  assert.equal(bins.sumCorrect[11], 1);
  assert.throws(() => calibrationBins({ probabilities: [0.2, 0.8, Number.NaN, 0.5], labels: [1, 0], classes: 2 }), {
    name: "RangeError",
    message: "row 1 class 0: probability is NaN, not a finite number",
  });
});
