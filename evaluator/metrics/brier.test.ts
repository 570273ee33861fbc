import assert from "node:assert/strict";
import { test } from "node:test";
import { brierScore } from "./brier";
import { fourQueries } from "@/testing/metrics/four-queries";

test("brier is the mean over rows of the squared error against the one-hot label", () => {
  // rows: 0.09+0.04+0.01 = 0.14; 0.04+0.25+0.49 = 0.78; 0.01+0.0225+0.0625 = 0.095; 0.2025+0.3025+0.01 = 0.515
  assert.ok(Math.abs(brierScore(fourQueries) - 1.53 / 4) < 1e-12);
  assert.equal(brierScore({ probabilities: [0, 1], labels: [0], classes: 2 }), 2);
  assert.equal(brierScore({ probabilities: [1, 0], labels: [0], classes: 2 }), 0);
});
