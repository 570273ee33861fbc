import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import * as tar from "tar";
import { binaryFile, fakeRecords, labelNames } from "@/testing/datasets/cifar100";
import { importScratch } from "@/testing/datasets/stores";
import { captureIo } from "@/testing/cli/capture-io";
import { run } from "./import";
import { writeTree } from "@/testing/files";

const scratch = importScratch();
after(scratch.remove);
writeTree(path.join(scratch.input, "cifar-100-binary"), {
  "train.bin": binaryFile(fakeRecords(2)),
  "test.bin": binaryFile(fakeRecords(1)),
  "fine_label_names.txt": labelNames("fine"),
  "coarse_label_names.txt": labelNames("coarse"),
});
const archive = path.join(scratch.root, "cifar-100-binary.tar.gz");
await tar.c({ gzip: true, file: archive, cwd: scratch.input }, ["cifar-100-binary"]);

test("import cifar100 --subset prints progress and what it stored", async () => {
  const capture = captureIo();
  assert.equal(await run(["cifar100", archive, "--subset", "--datasets", scratch.datasetsDir], capture.io), 0);
  assert.equal(
    capture.out(),
    `Imported cifar100 into ${scratch.datasetsDir}/cifar100: 100 classes, 300 images of 32×32×3, INCOMPLETE (subset or unverified: 0 of 1 files verified).\n`,
  );
  assert.match(capture.err(), /^checksum +\[#{30}\] 100% {2}[\d.]+ (B|KiB|MiB) \/ [\d.]+ (B|KiB|MiB)$/m);
  assert.match(capture.err(), /^images +\[#{30}\] 100% {2}300 \/ 300 images$/m);
});

test("import without --subset names the checksum problem and stores nothing", async () => {
  const capture = captureIo();
  const other = importScratch();
  try {
    await assert.rejects(
      run(["cifar100", archive, "--datasets", other.datasetsDir], capture.io),
      /cifar-100-binary\.tar\.gz: md5 [0-9a-f]{32} matches neither official archive.* It is \d+ bytes, the official cifar-100-binary\.tar\.gz 168513733: truncated\./,
    );
    assert.deepEqual(other.storeEntries(), []);
  } finally {
    other.remove();
  }
});

test("an unknown dataset is a usage error", async () => {
  await assert.rejects(
    run(["mnist", "x"], captureIo().io),
    /Unknown dataset 'mnist': expected 'omniglot', 'cifar100' or 'folder'\./,
  );
});
