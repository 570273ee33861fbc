import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import { PNG } from "pngjs";
import { AppError } from "@/lib/core/errors";
import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { importFolderBenchmark } from "./folder/import";
import { importScratch } from "@/testing/datasets/stores";
import { writeTree } from "@/testing/files";

const scratch = importScratch();
after(scratch.remove);

/** An 8×8 RGB PNG of one colour. */
function png(r: number, g: number, b: number): Buffer {
  const image = new PNG({ width: 8, height: 8 });
  for (let p = 0; p < 64; p++) image.data.set([r, g, b, 255], p * 4);
  return PNG.sync.write(image);
}

const classes = ["apple", "bark", "cloud", "dune", "ember", "fern", "grain"];
const images: Record<string, Buffer> = {};
classes.forEach((name, c) => {
  for (let i = 0; i < 6; i++) images[`leaves/${name}/img${i + 1}.png`] = png(c * 30, i * 40, 200);
});
const yaml = (overrides = "") => `slug: leaves-3way-1shot
title: Leaves 3-way 1-shot
dataset:
  name: leaves
  folder: leaves
  split: split.yaml
  imageSize: [4, 4]
  channels: 3
  normalization: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }
ways: 3
shots: 1
queries: 5
partitions:
  public: { episodes: 20, seed: 1 }
  private: { episodes: 100 }
${overrides}`;
writeTree(scratch.input, {
  ...images,
  "split.yaml": "train: [apple, bark, cloud]\nval: [dune]\ntest: [ember, fern, grain]\n",
  "benchmark.yaml": yaml(),
});

test("an organizer's folder + split + YAML spec becomes a store and a benchmark pinned to it", async () => {
  const { index, definition } = await importFolderBenchmark(path.join(scratch.input, "benchmark.yaml"), {
    datasetsDir: scratch.datasetsDir,
  });
  assert.deepEqual(index.imageShape, [4, 4, 3]);
  assert.deepEqual(
    index.classes.map((c) => [c.name, c.count]),
    [
      ["apple", 6],
      ["bark", 6],
      ["cloud", 6],
      ["dune", 6],
      ["ember", 6],
      ["fern", 6],
      ["grain", 6],
    ],
  );
  assert.equal(definition.slug, "leaves-3way-1shot");
  assert.ok(definition.spec.track === "fewshot" && definition.spec.dataset.source === "store");
  assert.deepEqual(definition.spec.dataset, {
    source: "store",
    store: "leaves",
    split: "default",
    rotations: false,
    sha256: index.sha256,
    normalization: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] },
  });
  assert.deepEqual(definition.spec.kinds, ["embedding", "finetune", "learner"]);
  assert.match(definition.about, /normalised per channel as \(x − mean\) \/ std/);

  const dataset = openFewshotDataset(definition.spec.dataset, scratch.datasetsDir);
  assert.deepEqual(dataset.testClasses, [4, 5, 6]);
  // fern (class 5), image 3: RGB (150, 80, 200) → ((v/255) − 0.5) / 0.25.
  const pixel = [...dataset.image(5, 2).subarray(0, 3)];
  assert.deepEqual(
    pixel.map((v) => Number(v.toFixed(4))),
    [150, 80, 200].map((v) => Number(((v / 255 - 0.5) / 0.25).toFixed(4))),
  );
});

const cases: [string, Record<string, string | Buffer>, RegExp][] = [
  [
    "a wrongly typed field, pointing at its line",
    { "benchmark.yaml": yaml().replace("ways: 3", "ways: three") },
    /benchmark\.yaml:10: ways: Invalid input: expected number, received string/,
  ],
  [
    "a missing field, pointing at the object that lacks it",
    { "benchmark.yaml": yaml().replace("  split: split.yaml\n", "") },
    /benchmark\.yaml:4: dataset\.split: Invalid input: expected string, received undefined/,
  ],
  [
    "normalisation for the wrong number of channels",
    { "benchmark.yaml": yaml().replace("mean: [0.5, 0.5, 0.5]", "mean: [0.5]") },
    /benchmark\.yaml:9: dataset\.normalization\.mean: needs 3 value\(s\), one per channel; got 1/,
  ],
  [
    "a private seed",
    { "benchmark.yaml": yaml().replace("private: { episodes: 100 }", "private: { episodes: 100, seed: 2 }") },
    /benchmark\.yaml:15: partitions\.private\.seed: private seeds are drawn by the server/,
  ],
  [
    "an unknown field",
    { "benchmark.yaml": yaml("shotz: 3\n") },
    /benchmark\.yaml:1: \(top level\): Unrecognized key: "shotz"/,
  ],
  ["broken YAML", { "benchmark.yaml": "slug: [unclosed\n" }, /benchmark\.yaml:\d+: not valid YAML/],
  [
    "a split class without a folder",
    { "split.yaml": "train: [apple]\ntest: [ember, fern, oak]\n" },
    /split\.yaml: test names class "oak", which has no folder in .*leaves/,
  ],
  [
    "a class in two parts",
    { "split.yaml": "train: [apple, fern]\ntest: [ember, fern, grain]\n" },
    /class "fern" is in both train and test: meta-train and meta-test classes must be disjoint/,
  ],
  [
    "too few images for shots + queries",
    { "benchmark.yaml": yaml().replace("queries: 5", "queries: 6") },
    /class "ember" has 6 images; 1 shots \+ 6 queries need 7 per meta-test class/,
  ],
  [
    "a file that is not a PNG",
    { "leaves/bark/notes.jpg": "jpeg" },
    /leaves\/bark\/notes\.jpg: only PNG images are supported/,
  ],
];
for (const [what, change, message] of cases) {
  test(`${what} is refused with a message that says where`, async () => {
    const dir = path.join(scratch.root, what.replaceAll(" ", "-"));
    writeTree(dir, {
      ...images,
      "split.yaml": "train: [apple, bark, cloud]\nval: [dune]\ntest: [ember, fern, grain]\n",
      "benchmark.yaml": yaml(),
      ...change,
    });
    const before = scratch.storeEntries();
    await assert.rejects(
      importFolderBenchmark(path.join(dir, "benchmark.yaml"), { datasetsDir: scratch.datasetsDir }),
      (e: AppError) => {
        assert.match(e.message, message);
        return true;
      },
    );
    assert.deepEqual(scratch.storeEntries(), before);
  });
}
