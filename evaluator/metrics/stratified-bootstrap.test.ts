import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "@/lib/core/random";
import { aggregateMean } from "./aggregate-mean";
import { performanceProfile } from "./performance-profile";
import { percentileInterval, resampleWithinTasks, stratifiedBootstrapInterval } from "./stratified-bootstrap";

const scores = [
  [0.1, 5, -1],
  [0.2, 6, -2],
  [0.3, 7, -3],
  [0.4, 8, -4],
];

test("a stratified replicate draws each task's runs only from that task's own column", () => {
  const rng = createRng(3);
  for (let rep = 0; rep < 50; rep++) {
    const resampled = resampleWithinTasks(scores, rng);
    assert.equal(resampled.length, 4);
    for (const row of resampled) {
      assert.ok([0.1, 0.2, 0.3, 0.4].includes(row[0]!));
      assert.ok([5, 6, 7, 8].includes(row[1]!));
      assert.ok([-1, -2, -3, -4].includes(row[2]!));
    }
  }
});

test("the same seed gives identical intervals and profiles; another seed gives others", () => {
  const interval = (seed: number) =>
    stratifiedBootstrapInterval(scores, aggregateMean, { reps: 500, rng: createRng(seed) });
  assert.deepEqual(interval(7), interval(7));
  assert.notDeepEqual(interval(7), interval(8));
  const profile = (seed: number) => performanceProfile(scores, [0, 0.25, 6], { reps: 200, rng: createRng(seed) });
  assert.deepEqual(profile(7), profile(7));
});

test("the percentile interval uses numpy's linear quantiles", () => {
  // 0..100: the 2.5% and 97.5% quantiles are 2.5 and 97.5; 0..10: 0.25 and 9.75.
  const close = (got: { low: number; high: number }, low: number, high: number) =>
    assert.ok(Math.abs(got.low - low) < 1e-12 && Math.abs(got.high - high) < 1e-12, JSON.stringify(got));
  close(percentileInterval(Array.from({ length: 101 }, (_, i) => 100 - i)), 2.5, 97.5);
  close(percentileInterval(Array.from({ length: 11 }, (_, i) => i)), 0.25, 9.75);
  assert.throws(() => percentileInterval([1, 2], 1), /interval size must be in \(0, 1\), got 1/);
  assert.throws(
    () => stratifiedBootstrapInterval(scores, aggregateMean, { reps: 0, rng: createRng(1) }),
    /reps must be a positive integer, got 0/,
  );
});
