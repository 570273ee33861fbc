import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import zlib from "node:zlib";
import { checkBundle } from "./check";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected, scratchDir } from "@/testing/bundles/scratch";
import { rawTar, rawTarGz } from "@/testing/bundles/tar-bytes";
import { rawZip } from "@/testing/bundles/zip-bytes";

const files = learnerFiles();
const valid = Object.entries(files).map(([path, body]) => ({ path, body }));

test("a text file named .tar.gz is refused by its content", async () => {
  await expectRejected(Buffer.from("hello, not an archive"), {
    code: "bundle_unknown_type",
    message: /not a \.tar\.gz or \.zip archive \(checked by its content, not its name\)/,
  });
});

test("an uncompressed tar is refused as an unknown type", async () => {
  await expectRejected(rawTar(valid), { code: "bundle_unknown_type", message: /not a \.tar\.gz or \.zip/ });
});

test("an empty file is refused as an unknown type", async () => {
  await expectRejected(Buffer.alloc(0), { code: "bundle_unknown_type", message: /not a \.tar\.gz or \.zip/ });
});

test("a truncated gzip stream is refused as corrupt", async () => {
  const whole = rawTarGz(valid);
  await expectRejected(whole.subarray(0, whole.length - 40), {
    code: "bundle_corrupt",
    message: /not a readable \.tar\.gz archive/,
  });
});

test("gzip of something that is not a tar is refused as corrupt", async () => {
  await expectRejected(zlib.gzipSync(Buffer.alloc(4096, "x")), {
    code: "bundle_corrupt",
    message: /not a readable \.tar\.gz archive/,
  });
});

test("a truncated zip is refused as corrupt", async () => {
  const whole = rawZip(valid.map((e) => ({ name: e.path, body: e.body })));
  await expectRejected(
    whole.subarray(0, whole.length - 10),
    { code: "bundle_corrupt", message: /not a readable \.zip archive/ },
    { name: "b.zip" },
  );
});

test("the type comes from the bytes: a zip named .tar.gz and a tar.gz named .zip are both read", async () => {
  const scratch = scratchDir();
  try {
    const zip = path.join(scratch.dir, "really-a-zip.tar.gz");
    fs.writeFileSync(zip, rawZip(valid.map((e) => ({ name: e.path, body: e.body, deflate: true }))));
    const tgz = path.join(scratch.dir, "really-a-tgz.zip");
    fs.writeFileSync(tgz, rawTarGz(valid));
    for (const file of [zip, tgz]) {
      const checked = await checkBundle({ path: file });
      assert.equal(checked.manifest.kind, "learner");
      assert.deepEqual(
        checked.files.map((f) => f.path),
        ["heldout.json", "learner.mjs"],
      );
    }
  } finally {
    scratch.remove();
  }
});
