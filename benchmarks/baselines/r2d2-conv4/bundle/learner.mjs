// @ts-check
/**
 * R2-D2 with a Conv-4 encoder as a `learner`: the meta-trained encoder (model/) embeds the support set, adapt() solves
 * the ridge regression to its one-hot labels in closed form (ridge.mjs), predict() scores the queries with it.
 * Options (written by train.ts): `model` (the encoder's model.json), `lambda` (ridge penalty λ) and `scale` (logit
 * scale), both meta-learned.
 */
import { readFileSync } from "node:fs";
import { ridgeLogits, ridgeWeights } from "./ridge.mjs";

/**
 * A TF.js layers model read from this bundle (the sandbox has no fetch or file:// loader; the files are read directly).
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {URL} modelUrl
 */
export async function loadEncoder(tf, modelUrl) {
  const modelJson = JSON.parse(readFileSync(modelUrl, "utf8"));
  const groups = /** @type {{ paths: string[]; weights: import("@tensorflow/tfjs").io.WeightsManifestEntry[] }[]} */ (
    modelJson.weightsManifest
  );
  const buffers = groups.flatMap((group) => group.paths.map((file) => readFileSync(new URL(file, modelUrl))));
  const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: groups.flatMap((g) => g.weights),
      weightData,
    }),
  );
}

/** @param {{ tf: typeof import("@tensorflow/tfjs"); options: Record<string, unknown> }} context */
export default async function createLearner({ tf, options }) {
  const lambda = Number(options.lambda);
  const scale = Number(options.scale);
  if (!(lambda > 0) || !(scale > 0))
    throw new Error(
      `options.lambda and options.scale must be positive numbers (got ${options.lambda}, ${options.scale})`,
    );
  const encoder = await loadEncoder(tf, new URL(String(options.model ?? "model/model.json"), import.meta.url));
  /** Ridge weights of the current episode; made inside it, so the runtime frees them when it ends. */
  /** @type {import("@tensorflow/tfjs").Tensor2D | undefined} */
  let weights;
  const embed = (/** @type {import("@tensorflow/tfjs").Tensor4D} */ images) =>
    /** @type {import("@tensorflow/tfjs").Tensor2D} */ (
      tf.tidy(() =>
        /** @type {import("@tensorflow/tfjs").Tensor} */ (encoder.predict(images, { batchSize: 128 })).reshape([
          images.shape[0],
          -1,
        ]),
      )
    );
  return {
    encoder,
    adapt({ images, labels, ways }) {
      weights = tf.tidy(() => ridgeWeights(tf, embed(images), labels, ways, lambda));
    },
    predict({ images }) {
      if (!weights) throw new Error("predict() before adapt()");
      const current = weights;
      return tf.tidy(() => tf.softmax(ridgeLogits(tf, embed(images), current, scale)));
    },
  };
}
