import assert from "node:assert/strict";
import { test } from "node:test";
import { trimMean } from "./trim-mean";

test("trimMean cuts int(proportion · n) values from each end, as scipy's trim_mean", () => {
  // n = 4: cut 1 each side → mean(2, 3).
  assert.equal(trimMean([4, 1, 3, 2], 0.25), 2.5);
  // n = 7: 0.25 · 7 = 1.75 → cut 1 (truncated, not rounded) → mean(2, 3, 4, 5, 6).
  assert.equal(trimMean([7, 6, 5, 4, 3, 2, 1], 0.25), 4);
  // n = 3: 0.75 → cut 0 → plain mean, outlier included.
  assert.equal(trimMean([1, 2, 30], 0.25), 11);
  // n = 9: 2.25 → cut 2 → mean(3, 4, 5, 6, 100).
  assert.equal(trimMean([100, 1, 2, 3, 4, 5, 6, 200, 300], 0.25), 23.6);
});

test("trimMean refuses an empty sample and a proportion that leaves nothing", () => {
  assert.throws(() => trimMean([], 0.25), /trimmed mean of no values/);
  assert.throws(() => trimMean([1, 2], 0.5), /trim proportion must be in \[0, 0.5\), got 0.5/);
});
