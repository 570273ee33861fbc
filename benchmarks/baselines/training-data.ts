import { createGlyphDataset, GLYPHS_V1 } from "@/benchmarks/glyphs";
import { readStoreIndex } from "@/benchmarks/datasets/store-read";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/dataset";
import { openStoreDataset } from "@/evaluator/tracks/fewshot/store-dataset";

/** What a baseline's training script can train on: the generated glyphs, or an imported standard dataset. */
export const TRAINING_DATASETS = ["glyphs", "omniglot", "cifar-fs", "fc100"] as const;
export type TrainingDataset = (typeof TRAINING_DATASETS)[number];

const STORES = {
  omniglot: { store: "omniglot", split: "omniglot-vinyals", rotations: true },
  "cifar-fs": { store: "cifar100", split: "cifar-fs", rotations: false },
  fc100: { store: "cifar100", split: "fc100", rotations: false },
} as const;

/**
 * The dataset a training script samples from: train on `trainClasses` only, report on `testClasses`. Imported data is
 * read from `datasetsDir` through the same view the evaluator uses, so training never touches meta-test classes.
 */
export function openTrainingDataset(name: TrainingDataset, datasetsDir: string): FewshotDataset {
  if (name === "glyphs") return createGlyphDataset(GLYPHS_V1);
  const { store, split, rotations } = STORES[name];
  const index = readStoreIndex(datasetsDir, store);
  if (!index) throw new Error(`${name} needs the ${store} dataset: run \`heldout import ${store === "cifar100" ? "cifar100" : "omniglot"} <path>\` first (looked in ${datasetsDir})`);
  return openStoreDataset(datasetsDir, { source: "store", store, split, rotations, sha256: index.sha256 });
}
