import assert from "node:assert/strict";
import { test } from "node:test";
import { calibrationBins, expectedCalibrationError, mergeCalibrationBins } from "./calibration";
import { fourQueries } from "@/testing/metrics/four-queries";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test("ECE bins max-probability confidence into 15 equal-width bins", () => {
  const bins = calibrationBins(fourQueries);
  assert.deepEqual(
    bins.count.map((c, b) => (c ? b : -1)).filter((b) => b >= 0),
    [6, 7, 10, 11],
  );
  close(bins.sumConfidence[10], 0.7);
  assert.equal(bins.sumCorrect[10], 1);
  assert.equal(bins.sumCorrect[7], 0);
  // One query per bin: (|1−0.70| + |0−0.50| + |1−0.75| + |0−0.45|) / 4
  close(expectedCalibrationError(bins), 1.5 / 4);
});

test("ECE compares accuracy and confidence per bin, not per query", () => {
  // Both in bin 10 ((0.667, 0.733]): |1 − (0.70 + 0.72)| / 2 = 0.21, where per-query gaps would give 0.51.
  const bins = calibrationBins({ probabilities: [0.7, 0.3, 0.28, 0.72], labels: [0, 0], classes: 2 });
  close(expectedCalibrationError(bins), 0.21);
});

test("bins from several episodes merge into the ECE of all their queries", () => {
  const first = calibrationBins({ probabilities: [0.7, 0.3], labels: [0], classes: 2 });
  const second = calibrationBins({ probabilities: [0.28, 0.72], labels: [0], classes: 2 });
  close(expectedCalibrationError(mergeCalibrationBins([first, second])), 0.21);
});

test("a confidence of exactly 1 falls in the last bin", () => {
  const bins = calibrationBins({ probabilities: [1, 0], labels: [0], classes: 2 });
  assert.equal(bins.count[14], 1);
  assert.equal(expectedCalibrationError(bins), 0);
});
