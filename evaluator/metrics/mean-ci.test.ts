import assert from "node:assert/strict";
import { test } from "node:test";
import { meanWithInterval } from "./mean-ci";

test("mean ± 1.96·s/√n uses the sample standard deviation", () => {
  // mean 0.75; squared deviations 0.0225 + 0.0025 + 0.0025 + 0.0225 = 0.05; s = √(0.05/3) = 0.1290994;
  // half-width 1.96 · 0.1290994 / 2 = 0.1265174
  const r = meanWithInterval([0.6, 0.8, 0.7, 0.9]);
  assert.equal(r.n, 4);
  assert.ok(Math.abs(r.mean - 0.75) < 1e-12);
  assert.ok(Math.abs(r.ciLow! - 0.6234826) < 1e-6);
  assert.ok(Math.abs(r.ciHigh! - 0.8765174) < 1e-6);
});

test("one value has no interval, no values is an error", () => {
  assert.deepEqual(meanWithInterval([0.4]), { mean: 0.4, ciLow: null, ciHigh: null, n: 1 });
  assert.throws(() => meanWithInterval([]), /mean of no values/);
});
