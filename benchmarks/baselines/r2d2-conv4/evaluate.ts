/**
 * In-process accuracy of an R2-D2 bundle on meta-test episodes: the bundle's own learner (the code the sandbox runs),
 * called as the runtime calls it, with every episode's tensors freed when it ends.
 * Usage: npx tsx benchmarks/baselines/r2d2-conv4/evaluate.ts [--bundle DIR] [--dataset glyphs|omniglot|cifar-fs|fc100]
 *        [--backend auto|tensorflow|wasm|cpu] [--episodes N]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type * as tfjs from "@tensorflow/tfjs";
import { getConfig } from "@/lib/config";
import { learnerManifestSchema } from "@/evaluator/protocol/manifest";
import { meanWithInterval } from "@/evaluator/metrics/mean-ci";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { selectBackend, type BackendPreference } from "@/evaluator/runtime/backend";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";
import { openTrainingDataset, TRAINING_DATASETS, type TrainingDataset } from "../training-data";
import type createLearner from "./bundle/learner.mjs";

export type LearnerEvaluation = { mean: number; halfWidth: number; episodes: number; episodesPerSecond: number };

/** Loads the bundle's learner exactly as the runtime does: its entry's default export, called with the manifest options. */
export async function loadR2d2(
  tf: typeof tfjs,
  bundleDir: string,
  ways: number,
  shots: number,
  imageShape: [number, number, number],
) {
  const manifest = learnerManifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, "heldout.json"), "utf8")));
  const module = (await import(pathToFileURL(path.resolve(bundleDir, manifest.entry)).href)) as {
    default: typeof createLearner;
  };
  return module.default({
    tf,
    options: manifest.options,
    task: { track: "fewshot", ways, shots, queries: 15, imageShape },
  } as Parameters<typeof createLearner>[0]);
}

/** Accuracy over `episodes` meta-test episodes (mean ± 1.96·s/√n) and the episodes per second it ran at. */
export async function evaluateR2d2(options: {
  tf: typeof tfjs;
  bundleDir: string;
  dataset: FewshotDataset;
  ways: number;
  shots: number;
  queries: number;
  episodes: number;
  seed: number;
}): Promise<LearnerEvaluation> {
  const { tf, bundleDir, dataset, ways, shots, queries, episodes, seed } = options;
  const learner = await loadR2d2(tf, bundleDir, ways, shots, dataset.imageShape);
  const accuracies: number[] = [];
  const started = performance.now();
  for (let index = 0; index < episodes; index++) {
    const episode = sampleEpisode({ dataset, classes: dataset.testClasses, ways, shots, queries, seed, index });
    tf.engine().startScope();
    try {
      learner.adapt({
        images: tf.tensor4d(episode.supportImages, [ways * shots, ...dataset.imageShape]),
        labels: tf.tensor1d(episode.supportLabels, "int32"),
        ways,
        shots,
      });
      const predicted = learner
        .predict({ images: tf.tensor4d(episode.queryImages, [ways * queries, ...dataset.imageShape]) })
        .argMax(1)
        .dataSync() as Int32Array;
      accuracies.push(
        predicted.reduce((hits, p, i) => hits + (p === episode.queryLabels[i] ? 1 : 0), 0) / predicted.length,
      );
    } finally {
      tf.engine().endScope();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  learner.encoder.dispose();
  const { mean, ciHigh } = meanWithInterval(accuracies);
  return { mean, halfWidth: ciHigh === null ? 0 : ciHigh - mean, episodes, episodesPerSecond: episodes / seconds };
}

async function main() {
  const { values } = parseArgs({
    options: {
      bundle: { type: "string", default: path.join(import.meta.dirname, "bundle") },
      dataset: { type: "string", default: "glyphs" },
      datasets: { type: "string" },
      backend: { type: "string", default: "auto" },
      episodes: { type: "string", default: "200" },
    },
  });
  const name = values.dataset as TrainingDataset;
  if (!TRAINING_DATASETS.includes(name)) throw new Error(`--dataset must be one of ${TRAINING_DATASETS.join(", ")}`);
  const { tf, backend } = await selectBackend({
    prefer: values.backend as BackendPreference,
    tfjsNodePath: findNativeTfjs()?.path,
  });
  const dataset = openTrainingDataset(name, values.datasets ?? getConfig().datasetsDir);
  for (const shots of [1, 5]) {
    const result = await evaluateR2d2({
      tf,
      bundleDir: values.bundle!,
      dataset,
      ways: 5,
      shots,
      queries: 15,
      episodes: Number(values.episodes),
      seed: 424_242,
    });
    console.log(
      `5-way ${shots}-shot, ${result.episodes} meta-test episodes (seed 424242), ${backend}: accuracy ${(100 * result.mean).toFixed(2)}% ± ${(100 * result.halfWidth).toFixed(2)}, ${result.episodesPerSecond.toFixed(1)} episodes/s`,
    );
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
