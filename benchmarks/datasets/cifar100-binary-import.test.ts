import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import * as tar from "tar";
import { AppError } from "@/lib/core/errors";
import { binaryFile, fakeRecords, labelNames } from "@/testing/datasets/cifar100";
import { importCifar100 } from "./cifar100/import";
import { loadStore } from "./store-read";
import { importScratch } from "@/testing/datasets/stores";
import { writeTree } from "@/testing/files";

const scratch = importScratch();
after(scratch.remove);

const train = fakeRecords(2);
const test_ = fakeRecords(1, 99);
const folder = path.join(scratch.input, "cifar-100-binary");
writeTree(folder, {
  "train.bin": binaryFile(train),
  "test.bin": binaryFile(test_),
  "fine_label_names.txt": labelNames("fine"),
  "coarse_label_names.txt": labelNames("coarse"),
});
const archive = path.join(scratch.input, "small-cifar-100-binary.tar.gz");
await tar.c({ gzip: true, file: archive, cwd: scratch.input }, ["cifar-100-binary"]);

test("the binary version imports from its .tar.gz: 100 classes, train then test images, channels interleaved", async () => {
  const stages = new Set<string>();
  const index = await importCifar100(archive, {
    datasetsDir: scratch.datasetsDir,
    subset: true,
    onProgress: (p) => stages.add(p.stage),
  });
  assert.deepEqual([...stages], ["checksum", "images"]);
  assert.equal(index.complete, false);
  assert.equal(index.sources[0]!.verified, false);
  assert.deepEqual(index.imageShape, [32, 32, 3]);
  assert.equal(index.classes.length, 100);
  assert.deepEqual(index.classes[5], { name: "bed", group: "household_furniture", offset: 15, count: 3 });
  const store = loadStore(scratch.datasetsDir, "cifar100");
  // Class "bed" (label 5): train records 5 and 105, then test record 5. Pixel (0,0) channels come from the R, G, B planes.
  const first = store.pixels.subarray(15 * 3072, 16 * 3072);
  const plane = (records: typeof train, i: number, p: number) => records.pixels[i * 3072 + p];
  assert.deepEqual(
    [...first.subarray(0, 6)],
    [
      plane(train, 5, 0),
      plane(train, 5, 1024),
      plane(train, 5, 2048),
      plane(train, 5, 1),
      plane(train, 5, 1025),
      plane(train, 5, 2049),
    ],
  );
  const third = store.pixels.subarray(17 * 3072, 18 * 3072);
  assert.equal(third[3 * 100 + 2], plane(test_, 5, 2048 + 100));
  assert.deepEqual(scratch.storeEntries(), ["cifar100"], "no temporary folder is left behind");
});

test("the extracted folder imports to the same pixels", async () => {
  const before = loadStore(scratch.datasetsDir, "cifar100").index.sha256;
  const index = await importCifar100(scratch.input, { datasetsDir: scratch.datasetsDir, subset: true });
  assert.equal(index.sha256, before);
});

test("a reduced archive is refused without --subset: its md5 is not the published one", async () => {
  await assert.rejects(importCifar100(archive, { datasetsDir: scratch.datasetsDir }), (e: AppError) => {
    assert.equal(e.code, "import_invalid");
    assert.match(
      e.message,
      /md5 [0-9a-f]{32} matches neither official archive \(cifar-100-binary\.tar\.gz 03b5dce01913d631647c71ecec9e9cb8, cifar-100-python\.tar\.gz eb9058c3a382ffc7106e4002c42a8d85\)/,
    );
    return true;
  });
});

test("a partial folder is refused without --subset, with the counts", async () => {
  await assert.rejects(
    importCifar100(folder, { datasetsDir: scratch.datasetsDir }),
    /has 200 records and .*test\.bin 100; CIFAR-100 has 50000 and 10000: a partial copy/,
  );
});

for (const [what, change, message] of [
  [
    "a truncated train.bin",
    (dir: string) => fs.truncateSync(path.join(dir, "train.bin"), 3074 * 7 + 100),
    /train\.bin is 21618 bytes, not a whole number of 3074-byte records \(7 whole ones\): truncated/,
  ],
  [
    "a missing test.bin",
    (dir: string) => fs.rmSync(path.join(dir, "test.bin")),
    /has no test\.bin: an incomplete copy of the binary version/,
  ],
  [
    "a renamed class",
    (dir: string) =>
      fs.writeFileSync(path.join(dir, "fine_label_names.txt"), labelNames("fine").replace("otter", "Otter")),
    /fine label 55 is named "Otter", expected "otter"/,
  ],
  [
    "a record under the wrong superclass",
    (dir: string) => {
      const bytes = fs.readFileSync(path.join(dir, "train.bin"));
      bytes[3074 * 3] = 0; // record 3 is "bear" (large_carnivores): claim aquatic_mammals
      fs.writeFileSync(path.join(dir, "train.bin"), bytes);
    },
    /record 3 is bear under superclass aquatic_mammals, which CIFAR-100 never does: the file is corrupt/,
  ],
  ["a truncated archive", undefined, /is not a complete \.tar\.gz archive \(truncated or corrupt\?\)/],
] as const) {
  test(`${what} is refused with a specific error and the earlier import stays intact`, async () => {
    const before = loadStore(scratch.datasetsDir, "cifar100").index.sha256;
    const copy = path.join(scratch.root, `broken-${what.replaceAll(" ", "-")}`);
    let input = copy;
    if (change) {
      fs.cpSync(folder, copy, { recursive: true });
      change(copy);
    } else {
      input = `${copy}.tar.gz`;
      const bytes = fs.readFileSync(archive);
      fs.writeFileSync(input, bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
    await assert.rejects(importCifar100(input, { datasetsDir: scratch.datasetsDir, subset: true }), (e: AppError) => {
      assert.equal(e.code, "import_invalid");
      assert.match(e.message, message);
      return true;
    });
    assert.deepEqual(scratch.storeEntries(), ["cifar100"]);
    assert.equal(loadStore(scratch.datasetsDir, "cifar100").index.sha256, before);
  });
}
