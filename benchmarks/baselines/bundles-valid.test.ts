import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { checkBundle, packBundle } from "@/evaluator/bundle";

/** Baseline name → the folder holding its bundle, and its track (few-shot unless named). */
const baselines: [string, string, string?][] = [
  ["random", "random"],
  ["protonet-conv4", "protonet-conv4/bundle"],
  ["protonet-conv4-onnx", "protonet-conv4/onnx-bundle"],
  ["finetune-conv4", "finetune-conv4/bundle"],
  ["r2d2-conv4", "r2d2-conv4/bundle"],
  ["atari-random", "atari-random", "atari"],
  ["atari-drq", "atari-drq", "atari"],
];

for (const [name, dir, track = "fewshot"] of baselines) {
  test(`the ${name} baseline directory packs into a bundle that passes the upload checks`, async () => {
    const archive = await packBundle(path.join(import.meta.dirname, dir));
    try {
      const checked = await checkBundle({ path: archive });
      assert.equal(checked.manifest.name, name);
      assert.equal(checked.manifest.track, track);
    } finally {
      await rm(path.dirname(archive), { recursive: true, force: true });
    }
  });
}
