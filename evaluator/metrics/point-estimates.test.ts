import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateIqm } from "./aggregate-iqm";
import { aggregateMean } from "./aggregate-mean";
import { aggregateMedian } from "./aggregate-median";
import { optimalityGap } from "./optimality-gap";

/**
 * 2 runs × 4 tasks, worked by hand. Per-task means: 0.5, 1.5, 0.2, 3.0.
 *   mean   = (0.5 + 1.5 + 0.2 + 3.0) / 4 = 1.3
 *   median = (0.5 + 1.5) / 2 = 1.0
 *   IQM    : pooled sorted 0, 0.1, 0.3, 1, 1, 2, 2, 4 → cut 2 each side → mean(0.3, 1, 1, 2) = 1.075
 *   gap    : min(·, 1) = 0, 1, 0.1, 1, 1, 1, 0.3, 1 → mean 0.675 → 1 − 0.675 = 0.325
 */
const scores = [
  [0, 1, 0.1, 2],
  [1, 2, 0.3, 4],
];

test("aggregate mean, median, IQM and optimality gap of a runs × tasks matrix, by hand", () => {
  assert.ok(Math.abs(aggregateMean(scores) - 1.3) < 1e-12);
  assert.ok(Math.abs(aggregateMedian(scores) - 1.0) < 1e-12);
  assert.ok(Math.abs(aggregateIqm(scores) - 1.075) < 1e-12);
  assert.ok(Math.abs(optimalityGap(scores) - 0.325) < 1e-12);
  // An odd task count takes the middle per-task mean; γ other than 1.
  assert.equal(aggregateMedian([[3, 1, 2]]), 2);
  assert.equal(optimalityGap([[3, 1, 2]], 2), 2 - 5 / 3);
});

test("a ragged, empty or non-finite matrix is refused with the place of the problem", () => {
  assert.throws(() => aggregateMean([]), /scores has no runs/);
  assert.throws(() => aggregateMean([[]]), /scores has no tasks/);
  assert.throws(() => aggregateIqm([[1, 2], [3]]), /scores run 1 has 1 tasks, run 0 has 2/);
  assert.throws(() => optimalityGap([[1, Number.NaN]]), /scores\[0\]\[1\] is NaN, not a finite number/);
});
