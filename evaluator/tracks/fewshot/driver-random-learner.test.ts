import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { readFileSync } from "node:fs";
import { fewshotTrack } from "./index";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

const randomDir = path.resolve(import.meta.dirname, "../../../benchmarks/baselines/random");
const randomBundle = {
  dir: randomDir,
  manifest: manifestSchema.parse(JSON.parse(readFileSync(path.join(randomDir, "heldout.json"), "utf8"))),
  remove: async () => {},
};

test("the random baseline runs a partition through the real sandbox: one scored row per episode, reproducibly", async () => {
  const spec = smallSpec(6);
  const first = await runUnitInSandbox(randomBundle, spec);
  assert.equal(first.error, undefined, `${String(first.error)}\n${first.log}`);
  const rows = first.rows!;
  assert.deepEqual(
    rows.map((r) => r.index),
    [0, 1, 2, 3, 4, 5],
  );
  assert.deepEqual(first.progress.at(-1), { done: 6, total: 6 });
  assert.equal(first.progress.length, 6);
  for (const { metrics } of rows) {
    assert.ok(metrics.accuracy >= 0 && metrics.accuracy <= 1);
    // Random probabilities over 5 classes: NLL near ln 5, never confident.
    assert.ok(metrics.nll > 1 && metrics.nll < 3, `nll ${metrics.nll}`);
    const counted = Object.entries(metrics)
      .filter(([k]) => k.startsWith("ece.count."))
      .reduce((s, [, v]) => s + v, 0);
    assert.equal(counted, 75);
  }
  const aggregates = fewshotTrack.aggregate(spec, rows);
  const accuracy = aggregates.find((a) => a.metric === "accuracy")!;
  assert.ok(accuracy.value > 0.05 && accuracy.value < 0.4, `accuracy ${accuracy.value}`);
  assert.equal(accuracy.n, 6);

  // Same seeds, same learner seed: a re-run is identical; the private partition sees other episodes.
  const again = await runUnitInSandbox(randomBundle, spec);
  assert.deepEqual(again.rows, rows);
  const privateRun = await runUnitInSandbox(randomBundle, spec, { partition: "private" });
  assert.notDeepEqual(privateRun.rows, rows);
});
