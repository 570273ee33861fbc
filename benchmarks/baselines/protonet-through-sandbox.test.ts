import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { fewshotTrack } from "@/evaluator/tracks/fewshot";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

const dir = path.join(import.meta.dirname, "protonet-conv4", "bundle");

test("the committed ProtoNet Conv-4 weights classify meta-test glyph episodes well through the sandbox", async () => {
  const bundle = {
    dir,
    manifest: manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, "heldout.json"), "utf8"))),
    remove: async () => {},
  };
  const spec = smallSpec(10);
  const run = await runUnitInSandbox(bundle, spec);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  const accuracy = fewshotTrack.aggregate(spec, run.rows!).find((a) => a.metric === "accuracy")!;
  // Expected ≈ 98% on 5-way 1-shot (README); chance is 20%.
  assert.ok(accuracy.value > 0.9, `accuracy ${accuracy.value}`);
});
