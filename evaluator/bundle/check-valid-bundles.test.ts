import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { create } from "tar";
import { checkBundle, openBundle } from "./check";
import { layersModelFiles } from "./layers-model-files";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { scratchDir } from "@/testing/bundles/scratch";
import { rawZip } from "@/testing/bundles/zip-bytes";
import { writeTree } from "@/testing/files";

/** A real TF.js layers model (conv → global pool → dense), saved the way tfjs writes model.json + weights. */
async function savedLayersModel(): Promise<Record<string, string | Uint8Array>> {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: "relu" }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 8 }),
    ],
  });
  const files = await layersModelFiles(tf, model);
  model.dispose();
  return files;
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

test("a real TF.js layers embedding bundle (.tar.gz made by node-tar) passes, with its files, size and sha256", async () => {
  const scratch = scratchDir();
  try {
    const src = writeTree(path.join(scratch.dir, "src"), {
      "heldout.json": JSON.stringify({
        name: "conv-embed",
        track: "fewshot",
        kind: "embedding",
        model: "model/model.json",
        options: { distance: "cosine" },
      }),
      ...(await savedLayersModel()),
    });
    const archive = path.join(scratch.dir, "conv-embed.tgz");
    await create({ gzip: true, cwd: src, file: archive }, ["."]);
    const tmpDir = fs.mkdtempSync(path.join(scratch.dir, "unpack-"));
    const checked = await checkBundle({ path: archive, tmpDir });
    assert.deepEqual(checked.manifest, {
      name: "conv-embed",
      track: "fewshot",
      kind: "embedding",
      model: "model/model.json",
      options: { distance: "cosine" },
      method: { description: "", tags: [] },
    });
    assert.deepEqual(
      checked.files.map((f) => f.path),
      ["heldout.json", "model/model.json", "model/weights.bin"],
    );
    // conv kernel 3·3·1·4 + bias 4, dense kernel 4·8 + bias 8 = 80 float32 values.
    assert.equal(checked.files.find((f) => f.path === "model/weights.bin")!.bytes, 80 * 4);
    assert.equal(checked.bytes, fs.statSync(archive).size);
    assert.equal(checked.sha256, sha256(archive));
    assert.deepEqual(fs.readdirSync(tmpDir), [], "checkBundle leaves nothing unpacked");
  } finally {
    scratch.remove();
  }
});

test("a graph-model embedding bundle passes", async () => {
  const scratch = scratchDir();
  try {
    const graph = {
      format: "graph-model",
      modelTopology: {
        node: [
          { name: "x", op: "Placeholder" },
          { name: "w", op: "Const" },
          { name: "y", op: "MatMul", input: ["x", "w"] },
        ],
      },
      weightsManifest: [
        {
          paths: ["w.bin"],
          weights: [
            { name: "w", shape: [3, 2], dtype: "float32" },
            { name: "ids", shape: [4], dtype: "int32" },
            { name: "mask", shape: [3], dtype: "bool" },
          ],
        },
      ],
    };
    const archive = path.join(scratch.dir, "graph.zip");
    fs.writeFileSync(
      archive,
      rawZip([
        {
          name: "heldout.json",
          body: JSON.stringify({ name: "graph", track: "fewshot", kind: "embedding", model: "model.json" }),
          deflate: true,
        },
        { name: "model.json", body: JSON.stringify(graph), deflate: true },
        { name: "w.bin", body: Buffer.alloc(24 + 16 + 3), deflate: true },
      ]),
    );
    const checked = await checkBundle({ path: archive });
    assert.equal(checked.manifest.kind, "embedding");
    assert.equal(checked.sha256, sha256(archive));
  } finally {
    scratch.remove();
  }
});

test("a learner bundle as a .zip with folders passes, and openBundle keeps the unpacked files until closed", async () => {
  const scratch = scratchDir();
  try {
    const files = learnerFiles({ entry: "src/learner.mjs" });
    const archive = path.join(scratch.dir, "learner.zip");
    fs.writeFileSync(
      archive,
      rawZip([
        { name: "heldout.json", body: files["heldout.json"], deflate: true },
        { name: "src/", body: "" },
        { name: "src/learner.mjs", body: files["learner.mjs"], deflate: true },
        { name: "src/util/helpers.mjs", body: "export const one = 1;\n" },
      ]),
    );
    const opened = await openBundle({ path: archive });
    try {
      assert.equal(opened.manifest.kind, "learner");
      assert.deepEqual(
        opened.files.map((f) => f.path),
        ["heldout.json", "src/learner.mjs", "src/util/helpers.mjs"],
      );
      assert.equal(fs.readFileSync(path.join(opened.dir, "src/learner.mjs"), "utf8"), files["learner.mjs"]);
      assert.equal((fs.statSync(path.join(opened.dir, "src/learner.mjs")).mode & 0o777).toString(8), "644");
    } finally {
      await opened.close();
    }
    assert.equal(fs.existsSync(opened.dir), false);
  } finally {
    scratch.remove();
  }
});
