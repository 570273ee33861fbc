import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { checkBundle } from "@/evaluator/bundle";
import { denseGraph, seededDense } from "@/evaluator/bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "@/evaluator/bundle/onnx/onnx-writer";
import { layersModelFiles, learnerFiles } from "@/testing/bundles/bundle-files";
import { scratchDir } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";
import { LARGE_BUNDLE_BYTES } from "./bundle-input";
import { main } from "./heldout";
import { captureIo } from "@/testing/cli/capture-io";
import { writeTree } from "@/testing/files";

async function cli(argv: string[]) {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

test("bundle check on a good directory lists its files and exits 0", async () => {
  const scratch = scratchDir();
  try {
    const dir = writeTree(path.join(scratch.dir, "embed"), layersModelFiles());
    const r = await cli(["bundle", "check", dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^OK: tiny-embedding \(fewshot\/embedding\), 3 files, [\d.]+ (bytes|KiB) archive, sha256 [0-9a-f]{12}\n/,
    );
    assert.match(r.out, /\n {2}model\/group1-shard1of1\.bin {2}40 bytes\n/);
  } finally {
    scratch.remove();
  }
});

test("bundle check of a large bundle shows a bar for each pass; a small one shows none", async () => {
  const scratch = scratchDir();
  try {
    // Random bytes do not compress, so the packed archive is as large as the file.
    const big = writeTree(path.join(scratch.dir, "big"), {
      ...learnerFiles(),
      "data.bin": crypto.randomBytes(LARGE_BUNDLE_BYTES),
    });
    const r = await cli(["bundle", "check", big]);
    assert.equal(r.code, 0, r.err);
    for (const pass of ["reading", "unpacking"]) {
      assert.match(
        r.err,
        new RegExp(`^Checking \\(${pass}\\) +\\[#{30}\\] 100% {2}16(\\.\\d)? MiB / 16(\\.\\d)? MiB$`, "m"),
      );
    }
    const small = await cli(["bundle", "check", writeTree(path.join(scratch.dir, "small"), learnerFiles())]);
    assert.equal(small.err, "");
  } finally {
    scratch.remove();
  }
});

test("bundle check on an ONNX bundle names its opset and input and output shapes", async () => {
  const scratch = scratchDir();
  try {
    const model = writeOnnxModel(denseGraph({ shape: [28, 28, 1], layout: "nchw", layers: [seededDense(784, 8, 1)] }));
    const manifest = {
      name: "onnx-embedding",
      track: "fewshot",
      kind: "embedding",
      model: "model.onnx",
      layout: "nchw",
    };
    const dir = writeTree(path.join(scratch.dir, "onnx"), {
      "heldout.json": JSON.stringify(manifest),
      "model.onnx": Buffer.from(model),
    });
    const r = await cli(["bundle", "check", dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^OK: onnx-embedding \(fewshot\/embedding\), 2 files, .*, ONNX model \(opset 17, \[batch, 1, 28, 28\] → \[batch, 8\]\)\n/,
    );
  } finally {
    scratch.remove();
  }
});

test("bundle check on a good archive exits 0", async () => {
  const scratch = scratchDir();
  try {
    const archive = path.join(scratch.dir, "b.tgz");
    fs.writeFileSync(archive, rawTarGz(Object.entries(learnerFiles()).map(([p, body]) => ({ path: p, body }))));
    const r = await cli(["bundle", "check", archive]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^OK: uniform \(fewshot\/learner\), 2 files/);
  } finally {
    scratch.remove();
  }
});

test("bundle check on a bad bundle prints the validator's message and exits 1", async () => {
  const scratch = scratchDir();
  try {
    const dir = writeTree(path.join(scratch.dir, "embed"), layersModelFiles({ weightBytes: 36 }));
    const r = await cli(["bundle", "check", dir]);
    assert.equal(r.code, 1);
    assert.equal(r.out, "");
    assert.match(
      r.err,
      /^model\/model\.json: weightsManifest\[0\] describes 40 bytes of weights \(2 tensors\), but 'group1-shard1of1\.bin' holds 36 bytes\.\n$/,
    );
  } finally {
    scratch.remove();
  }
});

test("bundle check on a hostile archive names the entry", async () => {
  const scratch = scratchDir();
  try {
    const archive = path.join(scratch.dir, "evil.tar.gz");
    fs.writeFileSync(archive, rawTarGz([{ path: "../../etc/cron.d/x", body: "boom" }]));
    const r = await cli(["bundle", "check", archive]);
    assert.equal(r.code, 1);
    assert.equal(r.err, `Bundle entry "../../etc/cron.d/x": '..' is not allowed in paths.\n`);
  } finally {
    scratch.remove();
  }
});

test("bundle check on a missing path is a usage error", async () => {
  const r = await cli(["bundle", "check", "/nonexistent/bundle.tgz"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^No such file or directory: \/nonexistent\/bundle\.tgz\n/);
});

test("bundle pack writes a checked .tar.gz and refuses to overwrite", async () => {
  const scratch = scratchDir();
  try {
    const dir = writeTree(path.join(scratch.dir, "b"), learnerFiles());
    const out = path.join(scratch.dir, "out.tar.gz");
    const r = await cli(["bundle", "pack", dir, "--out", out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `${out}\n`);
    assert.equal((await checkBundle({ path: out })).manifest.name, "uniform");
    const again = await cli(["bundle", "pack", dir, "--out", out]);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists; choose another --out/);
  } finally {
    scratch.remove();
  }
});
