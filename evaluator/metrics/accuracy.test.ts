import assert from "node:assert/strict";
import { test } from "node:test";
import { accuracy } from "./accuracy";
import { fourQueries } from "@/testing/metrics/four-queries";

test("accuracy counts argmax hits, ties going to the first class", () => {
  // Rows 0 and 2 are right; row 3's tie picks class 0, not its label 1.
  assert.equal(accuracy(fourQueries), 0.5);
  assert.equal(accuracy({ probabilities: [0.5, 0.5], labels: [1], classes: 2 }), 0);
  assert.equal(accuracy({ probabilities: [0.5, 0.5], labels: [0], classes: 2 }), 1);
});
