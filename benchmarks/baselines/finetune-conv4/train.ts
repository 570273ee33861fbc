/**
 * Trains the fine-tuning baseline's body (Chen et al. 2019, "Baseline"): Conv-4 plus a softmax layer over ALL the
 * meta-train classes, trained with Adam on batches of meta-train images from a fixed seed; the softmax layer is then
 * dropped, batch-norm statistics are set exactly from meta-train images, and the body is written as a TF.js layers
 * model. At evaluation the `finetune` kind adds a prototype-initialised head per episode and trains it on the support
 * set (heldout.json's options). Meta-test classes are never seen.
 * Usage: npm run train:finetune -- [--dataset glyphs|omniglot|cifar-fs|fc100] [--backend auto|tensorflow|wasm|cpu]
 *        [--steps N] [--datasets DIR] [--out DIR]
 */
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import { createRng, mixSeed } from "@/lib/core/random";
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";
import { conv4 } from "@/evaluator/runtime/backend/nets";
import { preciseBatchNorm, seedKernels } from "../protonet-conv4/protonet";
import { saveLayersModel } from "../save-model";
import { startTraining } from "../training-data";

/** Everything that decides the trained weights. Change any of it and the committed model must be retrained. */
const TRAINING = {
  seed: 1904_04232,
  steps: 300,
  batch: 64,
  learningRate: 1e-3,
  normalization: { ways: 50, shots: 10 },
} as const;

async function main() {
  const { tf, backend, steps, dataset, bundleDir } = await startTraining({
    scriptDir: import.meta.dirname,
    defaultSteps: TRAINING.steps,
  });
  const out = path.join(bundleDir, "model");
  const classes = dataset.trainClasses;
  console.log(
    `backend ${backend}, ${steps} steps of ${TRAINING.batch} images over ${classes.length} meta-train classes of ${dataset.name}`,
  );

  const body = conv4(tf, dataset.imageShape);
  seedKernels(tf, body, createRng(TRAINING.seed).next);
  const classifier = tf.layers.dense({
    units: classes.length,
    kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
  });
  const optimizer = tf.train.adam(TRAINING.learningRate);
  const pixels = dataset.imageShape.reduce((a, b) => a * b, 1);
  const started = performance.now();
  let recent = 0;
  for (let step = 0; step < steps; step++) {
    const rng = createRng(mixSeed(TRAINING.seed, step));
    const images = new Float32Array(TRAINING.batch * pixels);
    const labels = new Int32Array(TRAINING.batch);
    for (let i = 0; i < TRAINING.batch; i++) {
      labels[i] = rng.int(classes.length);
      images.set(dataset.image(classes[labels[i]]!, rng.int(dataset.drawers)), i * pixels);
    }
    const loss = tf.tidy(() => {
      const x = tf.tensor4d(images, [TRAINING.batch, ...dataset.imageShape]);
      const y = tf.oneHot(tf.tensor1d(labels, "int32"), classes.length);
      const cost = optimizer.minimize(
        () =>
          tf.losses.softmaxCrossEntropy(
            y,
            classifier.apply(body.apply(x, { training: true })) as tfjs.Tensor,
          ) as tfjs.Scalar,
        true,
      )!;
      return cost.dataSync()[0]!;
    });
    recent += loss;
    if ((step + 1) % 50 === 0) {
      console.log(
        `step ${step + 1}: loss ${(recent / 50).toFixed(3)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      recent = 0;
    }
  }
  const norm = TRAINING.normalization;
  const normEpisode = sampleEpisode({
    dataset,
    classes,
    ways: Math.min(norm.ways, classes.length),
    shots: Math.min(norm.shots, dataset.drawers),
    queries: 0,
    seed: TRAINING.seed + 1,
    index: 0,
  });
  tf.tidy(() =>
    preciseBatchNorm(
      tf,
      body,
      tf.tensor4d(normEpisode.supportImages, [normEpisode.supportLabels.length, ...dataset.imageShape]),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  await saveLayersModel(tf, body, out);
  console.log(
    `saved the body to ${out} after ${seconds.toFixed(0)} s (${((1000 * seconds) / Math.max(steps, 1)).toFixed(0)} ms per step on ${backend})`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
