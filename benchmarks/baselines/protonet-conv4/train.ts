/**
 * Trains the ProtoNet Conv-4 baseline on a dataset's meta-train classes (never the meta-test ones) with episodic
 * prototypical-network training and Adam from a fixed seed, sets the batch-norm statistics exactly from meta-train
 * images, and writes the TF.js layers model (model.json + weights.bin). On the glyphs (the default) it writes the
 * committed bundle/model; on an imported dataset (omniglot, cifar-fs, fc100) a whole bundle in trained/<dataset>/.
 * Usage: npm run train:protonet -- [--dataset glyphs|omniglot|cifar-fs|fc100] [--backend auto|tensorflow|wasm|cpu]
 *        [--steps N] [--out DIR] [--datasets DIR]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import { createRng } from "@/lib/core/random";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { conv4 } from "@/evaluator/runtime/backend/nets";
import { startTraining, type TrainingDataset } from "../training-data";
import { saveLayersModel } from "../save-model";
import { setBatchNormFromTrainClasses, trainEpisodes, trainingTime } from "../episodic-training";
import { evaluateProtonet } from "./evaluate";
import { prototypeLogits, seedKernels } from "./protonet";

/** Everything that decides the trained weights. Change any of it and the committed model must be retrained. */
const TRAINING = {
  seed: 1703_05175,
  steps: 200,
  ways: 10,
  shots: 1,
  queries: 5,
  learningRate: 1e-3,
  /** Batch-norm statistics are then set from 10 images of each of 50 meta-train classes (see preciseBatchNorm). */
  normalization: { ways: 50, shots: 10 },
} as const;

async function main() {
  const { tf, backend, steps, name, dataset, bundleDir, writesManifest } = await startTraining({
    scriptDir: import.meta.dirname,
    defaultSteps: TRAINING.steps,
  });
  const out = path.join(bundleDir, "model");
  console.log(
    `backend ${backend}, ${steps} steps of ${TRAINING.ways}-way ${TRAINING.shots}-shot ${TRAINING.queries}-query episodes`,
  );

  const model = conv4(tf, dataset.imageShape);
  seedKernels(tf, model, createRng(TRAINING.seed).next);
  const optimizer = tf.train.adam(TRAINING.learningRate);
  const started = performance.now();
  trainEpisodes({
    tf,
    encoder: model,
    dataset,
    optimizer,
    steps,
    seed: TRAINING.seed,
    ways: TRAINING.ways,
    shots: [TRAINING.shots],
    queries: TRAINING.queries,
    logits: ({ support, query, ways }) => prototypeLogits(tf, support, query, ways),
    started,
  });
  setBatchNormFromTrainClasses(tf, model, dataset, TRAINING.normalization, TRAINING.seed + 1);
  const trainSeconds = (performance.now() - started) / 1000;

  await saveLayersModel(tf, model, out);
  if (writesManifest) writeManifest(bundleDir, name, steps);
  console.log(`saved to ${out} ${trainingTime(trainSeconds, steps, backend)}`);
  reportMetaTest(tf, model, dataset);
}

/** 5-way 1-shot and 5-shot accuracy on 200 meta-test episodes from a fixed seed. */
function reportMetaTest(tf: typeof tfjs, model: tfjs.Sequential, dataset: FewshotDataset) {
  for (const shotsTest of [1, 5]) {
    const result = evaluateProtonet({
      tf,
      model,
      dataset,
      ways: 5,
      shots: shotsTest,
      queries: 15,
      episodes: 200,
      seed: 424_242,
    });
    console.log(
      `5-way ${shotsTest}-shot on 200 meta-test episodes (seed 424242): accuracy ${(100 * result.mean).toFixed(2)}% ± ${(100 * result.halfWidth).toFixed(2)}`,
    );
  }
}

/** The manifest of a bundle trained on an imported dataset. */
function writeManifest(dir: string, dataset: TrainingDataset, steps: number) {
  const manifest = {
    name: `protonet-conv4-${dataset}`,
    track: "fewshot",
    kind: "embedding",
    model: "model/model.json",
    options: { distance: "euclidean" },
    method: {
      description: `Prototypical Networks with the Conv-4 embedding, trained episodically with Adam on the meta-train classes of ${dataset} (${TRAINING.ways}-way ${TRAINING.shots}-shot, ${TRAINING.queries} queries per class, ${steps} episodes, fixed seed) by benchmarks/baselines/protonet-conv4/train.ts.`,
      paper: "https://arxiv.org/abs/1703.05175",
      tags: ["baseline", "metric", "protonet", "conv4"],
    },
  };
  writeFileSync(path.join(dir, "heldout.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
