import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { checkBundle, packBundle } from "@/evaluator/bundle";

/** Baseline name → the folder holding only its bundle. */
const baselines: [string, string][] = [
  ["random", "random"],
  ["protonet-conv4", "protonet-conv4/bundle"],
  ["finetune-conv4", "finetune-conv4/bundle"],
];

for (const [name, dir] of baselines) {
  test(`the ${name} baseline directory packs into a bundle that passes the upload checks`, async () => {
    const archive = await packBundle(path.join(import.meta.dirname, dir));
    try {
      const checked = await checkBundle({ path: archive });
      assert.equal(checked.manifest.name, name);
      assert.equal(checked.manifest.track, "fewshot");
    } finally {
      await rm(path.dirname(archive), { recursive: true, force: true });
    }
  });
}
