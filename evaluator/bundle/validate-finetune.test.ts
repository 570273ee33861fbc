import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { checkBundle } from "./check";
import { layersModelFiles } from "@/testing/bundles/bundle-files";
import { expectRejected, scratchDir } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";

function tgz(files: Record<string, string | Buffer>): Buffer {
  return rawTarGz(Object.entries(files).map(([p, body]) => ({ path: p, body })));
}

const finetune = {
  kind: "finetune",
  options: { steps: 10, lr: 0.05, optimizer: "adam", trainable: "all", head: "zero" },
};

test("a finetune bundle with a layers model passes, options parsed", async () => {
  const scratch = scratchDir();
  try {
    const archive = path.join(scratch.dir, "ft.tar.gz");
    fs.writeFileSync(archive, tgz(layersModelFiles({ manifest: finetune })));
    const { manifest } = await checkBundle({ path: archive });
    assert.equal(manifest.kind, "finetune");
    assert.deepEqual(manifest.kind === "finetune" && manifest.options, finetune.options);
  } finally {
    scratch.remove();
  }
});

test("a finetune bundle with a graph model is refused: only layers models can be fine-tuned", async () => {
  const files = layersModelFiles({ manifest: finetune });
  const model = JSON.parse(files["model/model.json"]!.toString());
  const graph = { ...model, format: "graph-model", modelTopology: { node: [] } };
  await expectRejected(tgz({ ...files, "model/model.json": JSON.stringify(graph) }), {
    code: "bundle_model_invalid",
    message: /^model\/model\.json: is a graph-model; this kind of bundle needs a layers-model/,
  });
});

test("a finetune bundle's weights are checked like an embedding's", async () => {
  await expectRejected(tgz(layersModelFiles({ manifest: finetune, weightBytes: 44 })), {
    code: "bundle_weights_size",
    message: /describes 40 bytes of weights \(2 tensors\), but 'group1-shard1of1\.bin' holds 44 bytes/,
  });
});

test("a finetune option out of range names the field", async () => {
  await expectRejected(tgz(layersModelFiles({ manifest: { kind: "finetune", options: { optimizer: "rmsprop" } } })), {
    code: "bundle_manifest_invalid",
    message: /^heldout\.json: options\.optimizer: expected 'sgd' \| 'adam', got 'rmsprop'$/,
  });
});
