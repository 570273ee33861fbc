import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { checkBundle, packBundle } from "@/evaluator/bundle";

const baselines = ["random", "protonet-conv4"];

for (const name of baselines) {
  test(`the ${name} baseline directory packs into a bundle that passes the upload checks`, async () => {
    const archive = await packBundle(path.join(import.meta.dirname, name));
    try {
      const checked = await checkBundle({ path: archive });
      assert.equal(checked.manifest.name, name);
      assert.equal(checked.manifest.track, "fewshot");
    } finally {
      await rm(path.dirname(archive), { recursive: true, force: true });
    }
  });
}
