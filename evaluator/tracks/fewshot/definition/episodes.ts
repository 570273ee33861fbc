import { createRng, mixSeed, sampleWithoutReplacement, shuffle } from "@/lib/core/random";
import type { FewshotDataset } from "./dataset";

export type Episode = {
  /** float32 [ways·shots, H, W, C], class-major (all shots of label 0, then label 1, ...). */
  supportImages: Float32Array;
  /** int32 [ways·shots], values 0..ways-1. */
  supportLabels: Int32Array;
  /** float32 [ways·queries, H, W, C], in shuffled order so position says nothing about the label. */
  queryImages: Float32Array;
  /** int32 [ways·queries]. TRUSTED SIDE ONLY: never sent to the sandbox. */
  queryLabels: Int32Array;
  /** The dataset classes behind labels 0..ways-1 (for logs and debugging). */
  classes: number[];
};

export type EpisodeOptions = {
  dataset: FewshotDataset;
  /** Class ids to draw from (the meta-test classes for evaluation). */
  classes: readonly number[];
  ways: number;
  shots: number;
  queries: number;
  /** The partition's seed. */
  seed: number;
  /** Episode index within the partition. */
  index: number;
};

/**
 * Episode `index` of a partition: it depends only on (seed, index), so units may run episodes in any order and
 * a re-run sees identical episodes. Classes are drawn without replacement, then distinct drawers per class, split
 * into support and query images.
 */
export function sampleEpisode(options: EpisodeOptions): Episode {
  const { dataset, classes, ways, shots, queries, seed, index } = options;
  if (ways > classes.length)
    throw new RangeError(`${ways}-way episodes need at least ${ways} classes; the dataset has ${classes.length}`);
  if (shots + queries > dataset.drawers) {
    throw new RangeError(
      `${shots} shots + ${queries} queries per class need ${shots + queries} images per class; ${dataset.name} has ${dataset.drawers}`,
    );
  }
  const rng = createRng(mixSeed(seed, index));
  const pixels = dataset.imageShape[0] * dataset.imageShape[1] * dataset.imageShape[2];
  const picked = sampleWithoutReplacement(classes.length, ways, rng).map((i) => classes[i]);
  const supportImages = new Float32Array(ways * shots * pixels);
  const supportLabels = new Int32Array(ways * shots);
  const queryImages = new Float32Array(ways * queries * pixels);
  const queryLabels = new Int32Array(ways * queries);
  const queryOrder = shuffle(
    Array.from({ length: ways * queries }, (_, i) => i),
    rng,
  );
  picked.forEach((classId, label) => {
    const drawers = sampleWithoutReplacement(dataset.drawers, shots + queries, rng);
    for (let s = 0; s < shots; s++) {
      const slot = label * shots + s;
      supportImages.set(dataset.image(classId, drawers[s]), slot * pixels);
      supportLabels[slot] = label;
    }
    for (let q = 0; q < queries; q++) {
      const slot = queryOrder[label * queries + q];
      queryImages.set(dataset.image(classId, drawers[shots + q]), slot * pixels);
      queryLabels[slot] = label;
    }
  });
  return { supportImages, supportLabels, queryImages, queryLabels, classes: picked };
}
