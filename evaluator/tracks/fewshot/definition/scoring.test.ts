import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateEpisodes, scoreEpisode } from "./scoring";

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-6, `${a} ≠ ${b}`);

test("an episode row holds accuracy, nll, brier and its non-empty ECE bins", () => {
  // Query 0: right at confidence 0.7 (bin 10); query 1: wrong at 0.72 (bin 10).
  const metrics = scoreEpisode(Float32Array.from([0.7, 0.3, 0.28, 0.72]), Int32Array.from([0, 0]), 2);
  assert.equal(metrics.accuracy, 0.5);
  close(metrics.nll, (-Math.log(0.7) - Math.log(0.28)) / 2);
  close(metrics.brier, (0.09 + 0.09 + 0.5184 + 0.5184) / 2);
  assert.equal(metrics["ece.count.10"], 2);
  close(metrics["ece.conf.10"], 1.42);
  assert.equal(metrics["ece.correct.10"], 1);
  assert.equal(Object.keys(metrics).length, 6);
});

test("aggregates: means with 1.96·s/√n intervals, ECE pooled over all queries", () => {
  const rows = [
    scoreEpisode(Float32Array.from([0.7, 0.3]), Int32Array.from([0]), 2),
    scoreEpisode(Float32Array.from([0.28, 0.72]), Int32Array.from([0]), 2),
  ].map((metrics, index) => ({ index, task: "", metrics }));
  const byMetric = Object.fromEntries(aggregateEpisodes(rows).map((a) => [a.metric, a]));
  assert.deepEqual(Object.keys(byMetric), ["accuracy", "nll", "brier", "ece"]);
  // accuracy 1 and 0: mean 0.5, s = 0.7071068, half-width 1.96 · 0.7071068 / √2 = 0.98
  close(byMetric.accuracy.value, 0.5);
  close(byMetric.accuracy.ciLow, -0.48);
  close(byMetric.accuracy.ciHigh, 1.48);
  assert.equal(byMetric.accuracy.n, 2);
  // Pooled: both queries in bin 10, |1 − 1.42| / 2 = 0.21 (the mean of per-episode ECEs would be 0.51).
  close(byMetric.ece.value, 0.21);
  assert.equal(byMetric.ece.ciLow, null);
  assert.deepEqual(aggregateEpisodes([]), []);
});
