import path from "node:path";
import { parseArgs } from "node:util";
import { createGlyphDataset, GLYPHS_V1 } from "@/benchmarks/glyphs";
import { readStoreIndex } from "@/benchmarks/datasets/store-read";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { openStoreDataset } from "@/evaluator/tracks/fewshot/definition/store-dataset";
import { selectBackend, type BackendPreference } from "@/evaluator/runtime/backend";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { getConfig } from "@/lib/config";

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
  if (!index)
    throw new Error(
      `${name} needs the ${store} dataset: run \`heldout import ${store === "cifar100" ? "cifar100" : "omniglot"} <path>\` first (looked in ${datasetsDir})`,
    );
  return openStoreDataset(datasetsDir, { source: "store", store, split, rotations, sha256: index.sha256 });
}

export type TrainingRun = Awaited<ReturnType<typeof selectBackend>> & {
  steps: number;
  name: TrainingDataset;
  dataset: FewshotDataset;
  /** The bundle folder to write: `--out`, else the committed bundle/ for the glyphs, else trained/<dataset>/. */
  bundleDir: string;
  /** Anywhere but the committed glyphs bundle, the script writes the bundle's heldout.json as well as its model. */
  writesManifest: boolean;
};

/**
 * The command line every baseline training script shares — `[--dataset glyphs|omniglot|cifar-fs|fc100]
 * [--backend auto|tensorflow|wasm|cpu] [--steps N] [--out DIR] [--datasets DIR]` — parsed and checked, with the
 * backend selected and the dataset opened.
 */
export async function startTraining(input: { scriptDir: string; defaultSteps: number }): Promise<TrainingRun> {
  const { values } = parseArgs({
    options: {
      backend: { type: "string", default: "auto" },
      steps: { type: "string", default: String(input.defaultSteps) },
      dataset: { type: "string", default: "glyphs" },
      datasets: { type: "string" },
      out: { type: "string" },
    },
  });
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`--steps must be a whole number, got '${values.steps}'`);
  const name = values.dataset as TrainingDataset;
  if (!TRAINING_DATASETS.includes(name)) throw new Error(`--dataset must be one of ${TRAINING_DATASETS.join(", ")}`);
  const shipped = path.join(input.scriptDir, "bundle");
  const bundleDir = values.out
    ? path.resolve(values.out)
    : name === "glyphs"
      ? shipped
      : path.join(input.scriptDir, "trained", name);
  const selected = await selectBackend({
    prefer: values.backend as BackendPreference,
    tfjsNodePath: findNativeTfjs()?.path,
  });
  const dataset = openTrainingDataset(name, values.datasets ?? getConfig().datasetsDir);
  return { ...selected, steps, name, dataset, bundleDir, writesManifest: bundleDir !== shipped };
}
