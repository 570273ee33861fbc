import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import * as tar from "tar";
import { AppError } from "@/lib/core/errors";
import { binaryFile, fakeRecords, labelNames, py2Pickle, pythonMeta, pythonPart } from "@/testing/datasets/cifar100";
import { CIFAR100_FINE_NAMES, CIFAR100_COARSE_NAMES } from "./cifar100/names";
import { importCifar100 } from "./cifar100/import";
import { loadStore } from "./store-read";
import { importScratch } from "@/testing/datasets/stores";
import { writeTree } from "@/testing/files";

const scratch = importScratch();
after(scratch.remove);

const train = fakeRecords(2);
const test_ = fakeRecords(1, 99);
const pythonDir = path.join(scratch.input, "python", "cifar-100-python");
writeTree(pythonDir, { train: pythonPart("training", train), test: pythonPart("testing", test_), meta: pythonMeta() });
const archive = path.join(scratch.input, "small-cifar-100-python.tar.gz");
await tar.c({ gzip: true, file: archive, cwd: path.dirname(pythonDir) }, ["cifar-100-python"]);

test("the Python version (.tar.gz of Python 2 pickles) gives exactly the pixels of the binary version", async () => {
  const binaryDir = path.join(scratch.input, "binary");
  writeTree(binaryDir, {
    "train.bin": binaryFile(train),
    "test.bin": binaryFile(test_),
    "fine_label_names.txt": labelNames("fine"),
    "coarse_label_names.txt": labelNames("coarse"),
  });
  const fromBinary = await importCifar100(binaryDir, { datasetsDir: scratch.datasetsDir, subset: true });
  const fromPython = await importCifar100(archive, { datasetsDir: scratch.datasetsDir, subset: true });
  assert.equal(fromPython.sha256, fromBinary.sha256);
  assert.deepEqual(fromPython.classes, fromBinary.classes);
  assert.equal(loadStore(scratch.datasetsDir, "cifar100").index.images, 300);
});

test("a Python folder without --subset is checked against the published md5 of each file", async () => {
  await assert.rejects(
    importCifar100(pythonDir, { datasetsDir: scratch.datasetsDir }),
    /cifar-100-python\/train: md5 [0-9a-f]{32} does not match the published 16019d7e3df5f24257cddd939b257f8d of train\./,
  );
});

const cases: [string, (dir: string) => void, RegExp][] = [
  [
    "a truncated pickle",
    (dir) => fs.truncateSync(path.join(dir, "train"), 5000),
    /train: the pickle ends at byte 5000 in the middle of a value: truncated/,
  ],
  [
    "a meta file with other class names",
    (dir) =>
      fs.writeFileSync(
        path.join(dir, "meta"),
        py2Pickle([
          ["fine_label_names", CIFAR100_FINE_NAMES.map((s) => ({ str: s === "whale" ? "orca" : s }))],
          ["coarse_label_names", CIFAR100_COARSE_NAMES.map((s) => ({ str: s }))],
        ]),
      ),
    /meta: fine label 95 is named "orca", expected "whale"/,
  ],
  [
    "a pickle that is not a dict of arrays",
    (dir) => fs.writeFileSync(path.join(dir, "test"), py2Pickle([["fine_labels", [1, 2]]])),
    /test has no "data" entry: not a CIFAR-100 file/,
  ],
  [
    "a pickle calling a foreign function",
    (dir) => fs.writeFileSync(path.join(dir, "test"), Buffer.from("\x80\x02cos\nsystem\nU\x02idq\x01\x85R.", "latin1")),
    /refers to os\.system, which a CIFAR-100 data file never does/,
  ],
  [
    "a missing meta",
    (dir) => fs.rmSync(path.join(dir, "meta")),
    /neither the binary version .* nor the Python version/,
  ],
];
for (const [what, change, message] of cases) {
  test(`${what} is refused with a specific error`, async () => {
    const copy = path.join(scratch.root, what.replaceAll(" ", "-"));
    fs.cpSync(pythonDir, copy, { recursive: true });
    change(copy);
    await assert.rejects(importCifar100(copy, { datasetsDir: scratch.datasetsDir, subset: true }), (e: AppError) => {
      assert.equal(e.code, "import_invalid");
      assert.match(e.message, message);
      return true;
    });
    assert.deepEqual(scratch.storeEntries(), ["cifar100"]);
  });
}
