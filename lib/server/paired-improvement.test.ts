import assert from "node:assert/strict";
import { test } from "node:test";
import { pairedImprovement, stratifiedImprovement } from "./improvement";

test("paired: ties count one half; the estimate is the share of episodes won", () => {
  const result = pairedImprovement([0.9, 0.5, 0.2, 0.7], [0.8, 0.5, 0.3, 0.6]);
  assert.equal(result.estimate, (1 + 0.5 + 0 + 1) / 4);
  assert.equal(result.method, "paired-episodes");
  assert.ok(result.interval.low <= result.estimate && result.estimate <= result.interval.high);
});

test("paired: an entry better on every episode gets P = 1 with a degenerate interval, the other P = 0", () => {
  const a = [0.9, 0.8, 0.95, 0.7, 0.85];
  const b = a.map((v) => v - 0.1);
  assert.deepEqual(pairedImprovement(a, b), {
    estimate: 1,
    interval: { low: 1, high: 1 },
    method: "paired-episodes",
    n: 5,
  });
  assert.equal(pairedImprovement(b, a).estimate, 0);
});

test("paired: pairing matters — the same values shuffled between episodes give a different answer", () => {
  // Per episode a always wins by a little, though b's values spread wider: unpaired statistics would call this close.
  const a = [0.31, 0.51, 0.71, 0.91];
  const b = [0.3, 0.5, 0.7, 0.9];
  assert.equal(pairedImprovement(a, b).estimate, 1);
  assert.equal(pairedImprovement(a, [...b].reverse()).estimate, 0.5);
});

test("paired: mismatched episodes are refused", () => {
  assert.throws(() => pairedImprovement([1, 2], [1]), /same episodes/);
});

test("stratified: delegates to rliable's Mann-Whitney form with an interval around it", () => {
  const result = stratifiedImprovement(
    [
      [1, 5],
      [2, 6],
    ],
    [
      [0, 7],
      [0, 8],
    ],
  );
  assert.equal(result.estimate, (1 + 0) / 2);
  assert.ok(result.interval.low <= 0.5 && result.interval.high >= 0.5);
});
