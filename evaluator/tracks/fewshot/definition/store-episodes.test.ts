import assert from "node:assert/strict";
import { after, test } from "node:test";
import { fewshotSpecSchema } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/core/errors";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import { openFewshotDataset } from "./dataset";
import { sampleEpisode } from "./episodes";

const scratch = importScratch();
after(scratch.remove);

// 6 characters: 4 in a meta-train alphabet, 2 in Tengwar (a Vinyals meta-test alphabet); 3×3 images.
const index = await writeFakeStore(scratch.datasetsDir, {
  name: "omniglot",
  imageShape: [3, 3, 1],
  classes: 6,
  perClass: 20,
  className: (i) => (i < 4 ? `Greek/character0${i + 1}` : `Tengwar/character0${i - 3}`),
  group: (i) => (i < 4 ? "Greek" : "Tengwar"),
  complete: false,
});
const source = {
  source: "store" as const,
  store: "omniglot",
  split: "omniglot-vinyals",
  rotations: true,
  sha256: index.sha256,
};

test("the Vinyals view: meta-test = the test alphabets' characters × 4 rotations, disjoint from meta-train", () => {
  const dataset = openFewshotDataset(source, scratch.datasetsDir);
  assert.deepEqual(
    dataset.trainClasses,
    Array.from({ length: 16 }, (_, i) => i),
  );
  assert.deepEqual(dataset.testClasses, [16, 17, 18, 19, 20, 21, 22, 23]);
  assert.equal(dataset.drawers, 20);
  // Classes 16–19 are Tengwar/character01 (store class 4) at 0/90/180/270 degrees.
  const bytes = (id: number, drawer: number) => [...dataset.image(id, drawer)].map((v) => Math.round(v * 255));
  assert.deepEqual(bytes(16, 3), [4, 3, 31, 31, 31, 31, 31, 31, 31]);
  assert.deepEqual(bytes(17, 3), [31, 31, 31, 3, 31, 31, 4, 31, 31]);
});

test("rotations turn an image by quarter turns, counter-clockwise", async () => {
  const { writeStore } = await import("@/benchmarks/datasets/store-write");
  const dir = `${scratch.root}/rot`;
  const image = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const rotIndex = await writeStore(dir, {
    name: "rot",
    imageShape: [3, 3, 1],
    complete: false,
    sources: [],
    preprocessing: "",
    splits: { s: { train: ["a"], val: [], test: ["b"] } },
    classes: [
      { name: "a", group: "", images: [image] },
      { name: "b", group: "", images: [image] },
    ],
  });
  const dataset = openFewshotDataset(
    { source: "store", store: "rot", split: "s", rotations: true, sha256: rotIndex.sha256 },
    dir,
  );
  const bytes = (q: number) => [...dataset.image(4 + q, 0)].map((v) => Math.round(v * 255));
  assert.deepEqual(bytes(0), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(bytes(1), [3, 6, 9, 2, 5, 8, 1, 4, 7]);
  assert.deepEqual(bytes(2), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
  assert.deepEqual(bytes(3), [7, 4, 1, 8, 5, 2, 9, 6, 3]);
});

test("same store, seed and index → identical episodes, drawn from meta-test classes only", () => {
  const dataset = openFewshotDataset(source, scratch.datasetsDir);
  const options = { dataset, classes: dataset.testClasses, ways: 5, shots: 1, queries: 15, seed: 77, index: 3 };
  const a = sampleEpisode(options);
  const b = sampleEpisode({ ...options, dataset: openFewshotDataset(source, scratch.datasetsDir) });
  assert.deepEqual(a, b);
  assert.ok(a.classes.every((c) => c >= 16));
  assert.notDeepEqual(sampleEpisode({ ...options, index: 4 }).classes, a.classes);
});

test("a store benchmark refuses a store with other pixels, and a missing store, with what to do", () => {
  assert.throws(
    () => openFewshotDataset({ ...source, sha256: "0".repeat(64) }, scratch.datasetsDir),
    (e: AppError) => {
      assert.equal(e.code, "dataset_mismatch");
      assert.match(e.message, /this benchmark version was defined on 000000000000…: import the same files again/);
      return true;
    },
  );
  assert.throws(
    () => openFewshotDataset({ ...source, store: "cifar100" }, scratch.datasetsDir),
    /dataset "cifar100" has not been imported into .* \(run `heldout import`\)/,
  );
});

test("a split naming a class the store lacks, or one class twice, is refused", async () => {
  assert.throws(
    () => openFewshotDataset({ ...source, split: "cifar-fs" }, scratch.datasetsDir),
    /split cifar-fs puts class "dolphin" in train, but dataset omniglot has no such class/,
  );
  const { writeStore } = await import("@/benchmarks/datasets/store-write");
  const dir = `${scratch.root}/overlap`;
  const image = new Uint8Array(1);
  const i = await writeStore(dir, {
    name: "overlap",
    imageShape: [1, 1, 1],
    complete: false,
    sources: [],
    preprocessing: "",
    splits: { s: { train: ["a", "b"], val: [], test: ["b"] } },
    classes: [
      { name: "a", group: "", images: [image] },
      { name: "b", group: "", images: [image] },
    ],
  });
  assert.throws(
    () =>
      openFewshotDataset({ source: "store", store: "overlap", split: "s", rotations: false, sha256: i.sha256 }, dir),
    /puts class "b" in both train and test: meta-train and meta-test classes must be disjoint/,
  );
  assert.throws(
    () => fewshotSpecSchema.shape.dataset.parse({ ...source, sha256: "abc" }),
    /sha256: 64 lowercase hex digits/,
  );
});
