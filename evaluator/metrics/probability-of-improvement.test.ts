import assert from "node:assert/strict";
import { test } from "node:test";
import { mannWhitneyU, probabilityOfImprovement } from "./probability-of-improvement";

test("probability of improvement averages U / (n_x · n_y) over tasks, ties counting one half", () => {
  // Task 0: x {1, 3} vs y {2, 2, 3}: pairs 1>2 ✗ ✗, 1>3 ✗, 3>2 ✓ ✓, 3=3 ½ → U = 2.5 of 6.
  assert.equal(mannWhitneyU([1, 3], [2, 2, 3]), 2.5);
  // Task 1: x all above y → 1. Mean over tasks = (2.5/6 + 1) / 2.
  const x = [
    [1, 10],
    [3, 11],
  ];
  const y = [
    [2, 0],
    [2, 1],
    [3, 2],
  ];
  assert.ok(Math.abs(probabilityOfImprovement(x, y) - (2.5 / 6 + 1) / 2) < 1e-12);
  // Identical entries: exactly one half; swapping the arguments gives the complement.
  assert.equal(probabilityOfImprovement(x, x), 0.5);
  assert.ok(Math.abs(probabilityOfImprovement(y, x) - (1 - probabilityOfImprovement(x, y))) < 1e-12);
});

test("probability of improvement refuses matrices over different numbers of tasks", () => {
  assert.throws(() => probabilityOfImprovement([[1, 2]], [[1]]), /x has 2 tasks and y has 1/);
});
