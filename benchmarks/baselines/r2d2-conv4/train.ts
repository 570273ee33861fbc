/**
 * Meta-trains the R2-D2 Conv-4 baseline (Bertinetto et al. 2019) on a dataset's meta-train classes (never the
 * meta-test ones): per episode, the support set's ridge-regression head is solved in closed form (bundle/ridge.mjs)
 * and the query cross-entropy is back-propagated through the solve into the encoder, the ridge penalty λ and the logit
 * scale (Adam, fixed seed). Then precise batch-norm statistics, and the bundle is written: the encoder (model/) and
 * heldout.json with the learned λ and scale. On the glyphs (the default) it writes the committed bundle/; on an
 * imported dataset (omniglot, cifar-fs, fc100) a whole bundle in trained/<dataset>/.
 * Usage: npx tsx benchmarks/baselines/r2d2-conv4/train.ts [--dataset glyphs|omniglot|cifar-fs|fc100]
 *        [--backend auto|tensorflow|wasm|cpu] [--steps N] [--out DIR] [--datasets DIR]
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import { createRng } from "@/lib/core/random";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { conv4 } from "@/evaluator/runtime/backend/nets";
import { seedKernels } from "../protonet-conv4/protonet";
import { setBatchNormFromTrainClasses, trainEpisodes, trainingTime } from "../episodic-training";
import { saveLayersModel } from "../save-model";
import { startTraining, type TrainingDataset } from "../training-data";
import { ridgeLogits, ridgeWeights } from "./bundle/ridge.mjs";
import { evaluateR2d2 } from "./evaluate";

/** Everything that decides the trained weights. Change any of it and the committed bundle must be retrained. */
const TRAINING = {
  seed: 1805_08136,
  steps: 300,
  ways: 10,
  /** Episodes alternate between these shot counts, so the learned λ and scale suit both 1-shot and 5-shot systems. */
  shots: [1, 5],
  queries: 5,
  learningRate: 1e-3,
  /** Initial λ and logit scale; both are learned (as log λ and log scale, so they stay positive). */
  lambda: 1,
  scale: 10,
  normalization: { ways: 50, shots: 10 },
} as const;

async function main() {
  const { tf, backend, steps, name, dataset, bundleDir } = await startTraining({
    scriptDir: import.meta.dirname,
    defaultSteps: TRAINING.steps,
  });
  const { ways, queries } = TRAINING;
  console.log(
    `backend ${backend}, ${steps} steps of ${ways}-way ${TRAINING.shots.join("/")}-shot ${queries}-query episodes`,
  );

  const encoder = conv4(tf, dataset.imageShape);
  seedKernels(tf, encoder, createRng(TRAINING.seed).next);
  const logLambda = tf.variable(tf.scalar(Math.log(TRAINING.lambda)), true, "log_lambda");
  const logScale = tf.variable(tf.scalar(Math.log(TRAINING.scale)), true, "log_scale");
  const optimizer = tf.train.adam(TRAINING.learningRate);
  const started = performance.now();
  trainEpisodes({
    tf,
    encoder,
    dataset,
    optimizer,
    steps,
    seed: TRAINING.seed,
    ways,
    shots: TRAINING.shots,
    queries,
    logits: ({ support, query, supportLabels }) => {
      const weights = ridgeWeights(tf, support, supportLabels, ways, logLambda.exp() as tfjs.Scalar);
      return ridgeLogits(tf, query, weights, logScale.exp() as tfjs.Scalar);
    },
    describe: () =>
      `λ ${Math.exp(logLambda.dataSync()[0]!).toPrecision(3)}, scale ${Math.exp(logScale.dataSync()[0]!).toPrecision(3)}`,
    started,
  });
  setBatchNormFromTrainClasses(tf, encoder, dataset, TRAINING.normalization, TRAINING.seed + 1);
  const trainSeconds = (performance.now() - started) / 1000;

  await saveLayersModel(tf, encoder, path.join(bundleDir, "model"));
  const head = { lambda: Math.exp(logLambda.dataSync()[0]!), scale: Math.exp(logScale.dataSync()[0]!) };
  writeBundleCode(bundleDir, name, steps, head);
  console.log(
    `saved to ${bundleDir} ${trainingTime(trainSeconds, steps, backend)}; λ ${head.lambda.toPrecision(4)}, scale ${head.scale.toPrecision(4)}`,
  );
  await reportMetaTest(tf, bundleDir, dataset, backend);
}

/** 5-way 1-shot and 5-shot accuracy of the written bundle on 200 meta-test episodes from a fixed seed. */
async function reportMetaTest(tf: typeof tfjs, bundleDir: string, dataset: FewshotDataset, backend: string) {
  for (const shots of [1, 5]) {
    const result = await evaluateR2d2({
      tf,
      bundleDir,
      dataset,
      ways: 5,
      shots,
      queries: 15,
      episodes: 200,
      seed: 424_242,
    });
    console.log(
      `5-way ${shots}-shot on 200 meta-test episodes (seed 424242): accuracy ${(100 * result.mean).toFixed(2)}% ± ${(100 * result.halfWidth).toFixed(2)} (${result.episodesPerSecond.toFixed(1)} episodes/s in-process on ${backend})`,
    );
  }
}

/** The manifest with the learned head, and (outside bundle/) a copy of the learner code beside the trained model. */
function writeBundleCode(
  dir: string,
  dataset: TrainingDataset,
  steps: number,
  head: { lambda: number; scale: number },
) {
  const codeDir = path.join(import.meta.dirname, "bundle");
  mkdirSync(dir, { recursive: true });
  if (path.resolve(dir) !== codeDir)
    for (const file of ["learner.mjs", "ridge.mjs"]) copyFileSync(path.join(codeDir, file), path.join(dir, file));
  const manifest = {
    name: dataset === "glyphs" ? "r2d2-conv4" : `r2d2-conv4-${dataset}`,
    track: "fewshot",
    kind: "learner",
    entry: "learner.mjs",
    options: { model: "model/model.json", lambda: head.lambda, scale: head.scale },
    method: {
      description: `R2-D2: a Conv-4 encoder (4 × [3×3 conv, 64 filters, batch norm, ReLU, 2×2 max-pool]) and a ridge-regression head solved in closed form on each support set (Woodbury form, n×n Gram system by Cholesky), logits = scale · query features · W. Encoder, λ and scale meta-trained end to end through the solve with Adam on the meta-train classes of ${dataset} (${TRAINING.ways}-way ${TRAINING.shots.join("/")}-shot, ${TRAINING.queries} queries per class, ${steps} episodes, fixed seed) by benchmarks/baselines/r2d2-conv4/train.ts.`,
      paper: "https://arxiv.org/abs/1805.08136",
      tags: ["baseline", "optimization", "r2d2", "ridge", "conv4"],
    },
  };
  writeFileSync(path.join(dir, "heldout.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
