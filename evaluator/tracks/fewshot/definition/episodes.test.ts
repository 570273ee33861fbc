import assert from "node:assert/strict";
import { test } from "node:test";
import { createGlyphDataset, GLYPHS_V1 } from "@/benchmarks/glyphs";
import { sampleEpisode, type EpisodeOptions } from "./episodes";

const dataset = createGlyphDataset(GLYPHS_V1);
const base: EpisodeOptions = {
  dataset,
  classes: dataset.testClasses,
  ways: 5,
  shots: 1,
  queries: 15,
  seed: 77,
  index: 0,
};

test("an episode depends only on (seed, index), in any order", () => {
  const third = sampleEpisode({ ...base, index: 3 });
  sampleEpisode({ ...base, index: 9 });
  assert.deepEqual(sampleEpisode({ ...base, index: 3 }), third);
  assert.deepEqual(sampleEpisode({ ...base, dataset: createGlyphDataset(GLYPHS_V1), index: 3 }), third);
});

test("a different index or seed gives a different episode", () => {
  const e0 = sampleEpisode(base);
  assert.notDeepEqual(sampleEpisode({ ...base, index: 1 }).supportImages, e0.supportImages);
  assert.notDeepEqual(sampleEpisode({ ...base, seed: 78 }).supportImages, e0.supportImages);
});

test("shapes, labels and classes follow the spec; queries are shuffled", () => {
  const e = sampleEpisode({ ...base, shots: 5 });
  assert.equal(e.supportImages.length, 25 * 784);
  assert.deepEqual([...e.supportLabels], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
  assert.equal(e.queryImages.length, 75 * 784);
  assert.deepEqual(
    [...e.queryLabels].sort(),
    [...Array(75).keys()].map((i) => Math.floor(i / 15)),
  );
  assert.notDeepEqual([...e.queryLabels], [...e.queryLabels].sort());
  assert.equal(new Set(e.classes).size, 5);
  assert.ok(e.classes.every((c) => dataset.testClasses.includes(c)));
  // Query image q is the image of its label's class.
  const q = 7;
  const classId = e.classes[e.queryLabels[q]];
  const drawn = e.queryImages.subarray(q * 784, (q + 1) * 784);
  assert.ok([...Array(20).keys()].some((d) => dataset.image(classId, d).every((v, i) => v === drawn[i])));
});

test("support and query images of a class come from different drawers", () => {
  const e = sampleEpisode({ ...base, shots: 5 });
  const key = (images: Float32Array, i: number) => images.subarray(i * 784, (i + 1) * 784).join(",");
  const support = new Set([...Array(25).keys()].map((i) => key(e.supportImages, i)));
  for (let q = 0; q < 75; q++) assert.ok(!support.has(key(e.queryImages, q)), `query ${q} repeats a support image`);
});

test("an episode that needs more images per class than the dataset has is refused", () => {
  assert.throws(() => sampleEpisode({ ...base, shots: 10, queries: 15 }), /need 25 images per class; glyphs v1 has 20/);
  assert.throws(() => sampleEpisode({ ...base, classes: [700, 701], ways: 5 }), /at least 5 classes/);
});
