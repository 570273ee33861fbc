import type * as tfjs from "@tensorflow/tfjs";
import type { z } from "zod";
import type { finetuneManifestSchema } from "../protocol/manifest";
import { bundleModelHandler, isGraphModel } from "./model-files";
import type { Solver, SolverContext } from "./solver";

type FinetuneManifest = z.infer<typeof finetuneManifestSchema>;
type Tf = typeof tfjs;

/** Images per forward pass when predicting queries: bounds peak memory. */
const PREDICT_BATCH = 128;
/** Seeds the "random" head of episode i with RANDOM_HEAD_SEED + i, so a re-run is identical. */
const RANDOM_HEAD_SEED = 1_000;

/**
 * The `finetune` kind (see finetuneManifestSchema): per episode a fresh linear head on the model's features, trained
 * with the chosen body layers on the support set, then softmax over the queries. The body's trained weights are put
 * back after every episode, so episodes never leak into each other.
 */
export async function createFinetuneSolver(ctx: SolverContext, manifest: FinetuneManifest): Promise<Solver> {
  const { tf, bundleDir } = ctx;
  if (await isGraphModel(bundleDir, manifest.model)) {
    throw new Error(
      `${manifest.model} is a graph model; the finetune kind trains the model, which needs a TF.js layers model (tf.LayersModel.save)`,
    );
  }
  const model = await tf.loadLayersModel(bundleModelHandler(tf, bundleDir, manifest.model));
  const { steps, lr, optimizer, trainable, head } = manifest.options;
  const body = trainableBody(model, trainable);
  const initial = body.map((v) => tf.keep(v.clone()));
  let episode = 0;

  const features = (images: tfjs.Tensor4D, batch = images.shape[0]): tfjs.Tensor2D => {
    const parts: tfjs.Tensor2D[] = [];
    for (let start = 0; start < images.shape[0]; start += batch) {
      const slice = images.slice([start, 0, 0, 0], [Math.min(batch, images.shape[0] - start), -1, -1, -1]);
      const output = model.apply(slice, { training: false });
      if (Array.isArray(output))
        throw new Error(`the finetune model must have exactly one output; it has ${output.length}`);
      parts.push((output as tfjs.Tensor).reshape([slice.shape[0], -1]));
    }
    return parts.length === 1 ? parts[0]! : tf.concat(parts, 0);
  };

  return {
    async solve({ supportImages, supportLabels, queryImages, ways }) {
      const seed = RANDOM_HEAD_SEED + episode++;
      body.forEach((v, i) => v.assign(initial[i]!));
      const onehot = tf.oneHot(supportLabels, ways).toFloat() as tfjs.Tensor2D;
      // With a frozen body the support features never change: compute them once instead of every step.
      const frozen = body.length === 0 ? features(supportImages) : undefined;
      const [w0, b0] = initialHead(tf, frozen ?? features(supportImages), onehot, head, seed);
      const w = tf.variable(w0);
      const b = tf.variable(b0);
      const opt = optimizer === "sgd" ? tf.train.sgd(lr) : tf.train.adam(lr);
      try {
        for (let step = 0; step < steps; step++) {
          opt.minimize(
            () =>
              tf.losses.softmaxCrossEntropy(
                onehot,
                (frozen ?? features(supportImages)).matMul(w).add(b),
              ) as tfjs.Scalar,
            false,
            [w, b, ...body],
          );
        }
        const probabilities = tf.tidy(() => tf.softmax(features(queryImages, PREDICT_BATCH).matMul(w).add(b)));
        const data = (await probabilities.data()) as Float32Array;
        if (data.some((v) => !Number.isFinite(v)))
          throw new Error(
            `fine-tuning diverged (non-finite probabilities after ${steps} steps at lr ${lr}): lower lr or steps`,
          );
        return { data, shape: probabilities.shape };
      } finally {
        opt.dispose();
        w.dispose();
        b.dispose();
      }
    },
  };
}

/** The body variables that train: none ("head"), all trainable weights ("all"), or those of the named layers. */
function trainableBody(model: tfjs.LayersModel, trainable: FinetuneManifest["options"]["trainable"]): tfjs.Variable[] {
  if (trainable === "head") return [];
  const layers =
    trainable === "all"
      ? model.layers
      : trainable.map((name) => {
          const layer = model.layers.find((l) => l.name === name);
          if (!layer)
            throw new Error(
              `options.trainable names layer "${name}", which the model does not have (its layers: ${model.layers.map((l) => l.name).join(", ")})`,
            );
          if (layer.trainableWeights.length === 0)
            throw new Error(`options.trainable names layer "${name}", which has no trainable weights`);
          return layer;
        });
  return layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as tfjs.Variable));
}

/** Head weights [D, ways] and bias [ways] from the support features [S, D] and one-hot labels [S, ways]. */
function initialHead(
  tf: Tf,
  support: tfjs.Tensor2D,
  onehot: tfjs.Tensor2D,
  head: FinetuneManifest["options"]["head"],
  seed: number,
): [tfjs.Tensor2D, tfjs.Tensor1D] {
  return tf.tidy(() => {
    const [, dim] = support.shape;
    const ways = onehot.shape[1];
    if (head === "zero") return [tf.zeros([dim, ways]), tf.zeros([ways])];
    if (head === "random") {
      const limit = Math.sqrt(6 / (dim + ways));
      return [tf.randomUniform([dim, ways], -limit, limit, "float32", seed), tf.zeros([ways])];
    }
    // −‖f − p‖² = 2 f·p − ‖p‖² − ‖f‖², and ‖f‖² is the same for every class: a linear head equals ProtoNet's logits.
    const prototypes = tf.matMul(onehot, support, true, false).div(onehot.sum(0).expandDims(1)) as tfjs.Tensor2D;
    return [prototypes.transpose().mul(2) as tfjs.Tensor2D, prototypes.square().sum(1).neg() as tfjs.Tensor1D];
  });
}
