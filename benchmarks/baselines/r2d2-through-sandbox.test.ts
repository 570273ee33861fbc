import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fewshotSpecSchema } from "@/lib/benchmark-spec";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { fewshotTrack } from "@/evaluator/tracks/fewshot";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

const dir = path.join(import.meta.dirname, "r2d2-conv4", "bundle");
const bundle = {
  dir,
  manifest: manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, "heldout.json"), "utf8"))),
  remove: async () => {},
};

// The learner reads its encoder from /bundle and solves the ridge head per episode inside the sandbox.
for (const shots of [1, 5]) {
  test(`the committed R2-D2 learner classifies meta-test glyph episodes well through the sandbox (5-way ${shots}-shot)`, async () => {
    // The sandbox here runs the pure-JS cpu backend (seconds per episode): a few episodes, with room on a busy host.
    const base = smallSpec(6);
    const spec = fewshotSpecSchema.parse({
      ...base,
      shots,
      kinds: ["learner"],
      limits: { ...base.limits, wallSeconds: 300 },
    });
    const run = await runUnitInSandbox(bundle, spec);
    assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
    const accuracy = fewshotTrack.aggregate(spec, run.rows!).find((a) => a.metric === "accuracy")!;
    // Expected ≈ 97% (1-shot) and ≈ 99% (5-shot) in-process (README); chance is 20%.
    assert.ok(accuracy.value > 0.9, `accuracy ${accuracy.value}`);
  });
}
