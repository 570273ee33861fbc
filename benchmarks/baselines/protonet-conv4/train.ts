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
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";
import { conv4 } from "@/evaluator/runtime/backend/nets";
import { startTraining, type TrainingDataset } from "../training-data";
import { saveLayersModel } from "../save-model";
import { evaluateProtonet } from "./evaluate";
import { preciseBatchNorm, prototypeLogits, seedKernels } from "./protonet";

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
  const { ways, shots, queries } = TRAINING;
  const imageShape = dataset.imageShape;
  const started = performance.now();
  let recentLoss = 0;
  let recentAccuracy = 0;

  for (let step = 0; step < steps; step++) {
    const episode = sampleEpisode({
      dataset,
      classes: dataset.trainClasses,
      ways,
      shots,
      queries,
      seed: TRAINING.seed,
      index: step,
    });
    const accuracy = tf.tidy(() => {
      const support = tf.tensor4d(episode.supportImages, [ways * shots, ...imageShape]);
      const query = tf.tensor4d(episode.queryImages, [ways * queries, ...imageShape]);
      const labels = tf.oneHot(tf.tensor1d(episode.queryLabels, "int32"), ways);
      let logits: tfjs.Tensor2D | undefined;
      const loss = optimizer.minimize(() => {
        const embedded = model.apply(tf.concat([support, query]), { training: true }) as tfjs.Tensor2D;
        const [s, q] = tf.split(embedded, [ways * shots, ways * queries]);
        logits = tf.keep(prototypeLogits(tf, s as tfjs.Tensor2D, q as tfjs.Tensor2D, ways));
        return tf.losses.softmaxCrossEntropy(labels, logits) as tfjs.Scalar;
      }, true)!;
      recentLoss += loss.dataSync()[0];
      return logits!.argMax(1).equal(labels.argMax(1)).mean().dataSync()[0];
    });
    recentAccuracy += accuracy;
    if ((step + 1) % 50 === 0) {
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `step ${step + 1}: loss ${(recentLoss / 50).toFixed(3)}, train accuracy ${(recentAccuracy / 50).toFixed(3)}, ${seconds.toFixed(0)} s`,
      );
      recentLoss = 0;
      recentAccuracy = 0;
    }
  }
  const norm = TRAINING.normalization;
  const normEpisode = sampleEpisode({
    dataset,
    classes: dataset.trainClasses,
    ways: norm.ways,
    shots: norm.shots,
    queries: 0,
    seed: TRAINING.seed + 1,
    index: 0,
  });
  tf.tidy(() =>
    preciseBatchNorm(tf, model, tf.tensor4d(normEpisode.supportImages, [norm.ways * norm.shots, ...imageShape])),
  );
  const trainSeconds = (performance.now() - started) / 1000;

  await saveLayersModel(tf, model, out);
  if (writesManifest) writeManifest(bundleDir, name, steps);
  console.log(
    `saved to ${out} after ${trainSeconds.toFixed(0)} s of training (${((1000 * trainSeconds) / Math.max(steps, 1)).toFixed(0)} ms per step on ${backend})`,
  );
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
