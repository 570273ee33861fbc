import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { AppError } from "@/lib/core/errors";
import { importOmniglot } from "./omniglot/import";
import { omniglotFiles, omniglotPng, omniglotZip } from "@/testing/datasets/omniglot";
import { loadStore } from "./store-read";
import { importScratch } from "@/testing/datasets/stores";
import { writeTree } from "@/testing/files";

const scratch = importScratch();
after(scratch.remove);

const background = [
  { name: "Greek", characters: 3, drawers: 4 },
  { name: "Latin", characters: 2, drawers: 4 },
];
const evaluation = [{ name: "Tengwar", characters: 2, drawers: 4 }];
const zips = path.join(scratch.input, "zips");
writeTree(zips, {
  "images_background.zip": omniglotZip("images_background", background),
  "images_evaluation.zip": omniglotZip("images_evaluation", evaluation),
});

test("the two zips import: characters in order, 105×105 → 28×28 by area averaging, inverted", async () => {
  const progress: string[] = [];
  const index = await importOmniglot(zips, {
    datasetsDir: scratch.datasetsDir,
    subset: true,
    onProgress: (p) => progress.push(`${p.stage} ${p.done}/${p.total}`),
  });
  assert.deepEqual(
    index.classes.map((c) => c.name),
    [
      "Greek/character01",
      "Greek/character02",
      "Greek/character03",
      "Latin/character01",
      "Latin/character02",
      "Tengwar/character01",
      "Tengwar/character02",
    ],
  );
  assert.deepEqual(
    index.classes.map((c) => c.count),
    [4, 4, 4, 4, 4, 4, 4],
  );
  assert.equal(index.classes[6]!.group, "Tengwar");
  assert.deepEqual(index.imageShape, [28, 28, 1]);
  assert.equal(index.complete, false);
  assert.deepEqual(
    index.sources.map((s) => [s.name, s.verified]),
    [
      ["images_background.zip", false],
      ["images_evaluation.zip", false],
    ],
  );
  assert.ok(
    progress.includes("images_background 20/20") && progress.includes("images_evaluation 8/8"),
    progress.join(","),
  );

  // Greek/character02 (c = 1), drawer 01 (d = 0): ink in columns 15..29, rows 0..14 of 105. Output pixel (x, y) covers
  // input [3.75x, 3.75x + 3.75): column 4 covers 15..18.75 (all ink), column 3 covers 11.25..15 (no ink), row 3 covers
  // 11.25..15 (all ink), row 4 covers 15..18.75 (no ink).
  const { pixels } = loadStore(scratch.datasetsDir, "omniglot");
  const image = pixels.subarray(4 * 784, 5 * 784);
  const at = (x: number, y: number) => image[y * 28 + x];
  assert.equal(at(4, 0), 255);
  assert.equal(at(4, 3), 255);
  assert.equal(at(3, 0), 0);
  assert.equal(at(4, 4), 0);
  // Column 7 covers input 26.25..30: ink on 26.25..30 minus column 30 → (30 − 26.25 − 0)/3.75 = 1; column 8 covers 30..33.75: none.
  assert.equal(at(7, 0), 255);
  assert.equal(at(8, 0), 0);
  assert.deepEqual(scratch.storeEntries(), ["omniglot"]);
});

test("extracted folders import to the same store as the zips", async () => {
  const before = loadStore(scratch.datasetsDir, "omniglot").index.sha256;
  const folders = path.join(scratch.input, "folders");
  writeTree(folders, {
    ...omniglotFiles("images_background", background),
    ...omniglotFiles("images_evaluation", evaluation),
  });
  const index = await importOmniglot(folders, { datasetsDir: scratch.datasetsDir, subset: true });
  assert.equal(index.sha256, before);
});

const cases: [string, (dir: string) => void, RegExp, boolean][] = [
  [
    "an official-named zip that is not the official one",
    () => {},
    /images_background\.zip: md5 [0-9a-f]{32} does not match the published 68d2efa1b9178cc56df9314c21c6e718 of images_background\.zip/,
    false,
  ],
  [
    "a truncated zip",
    (dir) => fs.truncateSync(path.join(dir, "images_evaluation.zip"), 2000),
    /images_evaluation\.zip is not a complete zip archive \(truncated or corrupt\?\)/,
    true,
  ],
  [
    "a missing part",
    (dir) => fs.rmSync(path.join(dir, "images_evaluation.zip")),
    /has neither images_evaluation\.zip nor an extracted images_evaluation\/ folder: Omniglot needs both parts/,
    false,
  ],
  [
    "an image of the wrong size",
    (dir) => {
      fs.rmSync(path.join(dir, "images_evaluation.zip"));
      writeTree(dir, {
        ...omniglotFiles("images_evaluation", evaluation),
        "images_evaluation/Tengwar/character02/0007_03.png": omniglotPng(() => false, 100),
      });
    },
    /images_evaluation\/Tengwar\/character02\/0007_03\.png is 100×100; Omniglot images are 105×105/,
    true,
  ],
  [
    "a damaged PNG",
    (dir) => {
      fs.rmSync(path.join(dir, "images_evaluation.zip"));
      writeTree(dir, {
        ...omniglotFiles("images_evaluation", evaluation),
        "images_evaluation/Tengwar/character01/0006_02.png": Buffer.from("not a png"),
      });
    },
    /images_evaluation\/Tengwar\/character01\/0006_02\.png is not a readable PNG/,
    true,
  ],
];
for (const [what, change, message, subset] of cases) {
  test(`${what} is refused with a specific error and the earlier import stays intact`, async () => {
    const before = loadStore(scratch.datasetsDir, "omniglot").index.sha256;
    const copy = path.join(scratch.root, what.replaceAll(" ", "-"));
    fs.cpSync(zips, copy, { recursive: true });
    change(copy);
    await assert.rejects(importOmniglot(copy, { datasetsDir: scratch.datasetsDir, subset }), (e: AppError) => {
      assert.equal(e.code, "import_invalid");
      assert.match(e.message, message);
      return true;
    });
    assert.deepEqual(scratch.storeEntries(), ["omniglot"]);
    assert.equal(loadStore(scratch.datasetsDir, "omniglot").index.sha256, before);
  });
}
