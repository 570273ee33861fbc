import type * as tfjs from "@tensorflow/tfjs";
import type { z } from "zod";
import type { embeddingManifestSchema } from "../protocol/manifest";
import { modelFormatOf } from "../protocol/manifest";
import { imageInput } from "../protocol/model-input";
import { bundleModelHandler, isGraphModel } from "./model-files";
import { fixedBatch, inputMismatch, loadOnnxModel } from "./onnx-model";
import type { Solver, SolverContext } from "./solver";

type EmbeddingManifest = z.infer<typeof embeddingManifestSchema>;
type Tf = typeof tfjs;

/** Images per forward pass: bounds peak memory on large episodes. */
const EMBED_BATCH = 128;

/**
 * Cosine similarities lie in [-1, 1]; a softmax over them is nearly uniform. Multiplying by a fixed
 * temperature of 10 gives usable probabilities (the scale a metric-learning model would learn is in that range).
 */
export const COSINE_SCALE = 10;

/** `batchSize`: the images per forward pass (a model with a fixed batch dimension takes exactly that many). */
type EmbeddingModel = { batchSize: number; embed(batch: tfjs.Tensor4D): Promise<tfjs.Tensor> };

/**
 * The `embedding` kind: prototypes are the mean support embedding of each class; queries are scored by
 * negative squared euclidean distance (or COSINE_SCALE · cosine similarity) to each prototype, then softmax.
 */
export async function createEmbeddingSolver(ctx: SolverContext, manifest: EmbeddingManifest): Promise<Solver> {
  const { tf } = ctx;
  const model =
    modelFormatOf(manifest.model) === "onnx"
      ? await loadOnnxEmbedding(ctx, manifest)
      : await loadModel(ctx, manifest.model);
  const distance = manifest.options.distance;
  return {
    async solve({ supportImages, supportLabels, queryImages, ways }) {
      const support = await embedAll(tf, model, supportImages);
      const query = await embedAll(tf, model, queryImages);
      const probabilities = tf.tidy(() => {
        const onehot = tf.oneHot(supportLabels, ways).toFloat();
        const prototypes = tf.matMul(onehot, support, true, false).div(onehot.sum(0).expandDims(1)) as tfjs.Tensor2D;
        const logits =
          distance === "euclidean"
            ? negativeSquaredDistance(tf, query, prototypes)
            : scaledCosine(tf, query, prototypes);
        return tf.softmax(logits);
      });
      return { data: (await probabilities.data()) as Float32Array, shape: probabilities.shape };
    },
  };
}

async function loadModel(ctx: SolverContext, modelPath: string): Promise<EmbeddingModel> {
  const { tf, bundleDir } = ctx;
  const handler = bundleModelHandler(tf, bundleDir, modelPath);
  if (await isGraphModel(bundleDir, modelPath)) {
    const graph = await tf.loadGraphModel(handler);
    return { batchSize: EMBED_BATCH, embed: async (batch) => singleOutput(await graph.executeAsync(batch)) };
  }
  const layers = await tf.loadLayersModel(handler);
  return { batchSize: EMBED_BATCH, embed: async (batch) => singleOutput(layers.predict(batch)) };
}

/**
 * An ONNX embedding: batches go to ONNX Runtime as NHWC, or transposed to NCHW when the manifest says so; a model
 * whose batch dimension is fixed gets batches of exactly that size (the last one padded with blank images, whose
 * rows are dropped).
 */
async function loadOnnxEmbedding(ctx: SolverContext, manifest: EmbeddingManifest): Promise<EmbeddingModel> {
  const { tf, task } = ctx;
  const runner = await loadOnnxModel(ctx.bundleDir, manifest.model);
  const nchw = manifest.layout === "nchw";
  const [h, w, c] = task.imageShape;
  const expected = imageInput(task.imageShape, manifest.layout);
  const mismatch = inputMismatch(runner, expected.shape, expected.what);
  if (mismatch) throw new Error(mismatch);
  const fixed = fixedBatch(runner);
  return {
    batchSize: fixed ?? EMBED_BATCH,
    async embed(batch) {
      const n = batch.shape[0];
      const padded = fixed !== undefined && n < fixed ? tf.concat([batch, tf.zeros([fixed - n, h, w, c])], 0) : batch;
      const input = nchw ? tf.transpose(padded, [0, 3, 1, 2]) : padded;
      const output = await runner.run((await input.data()) as Float32Array, input.shape);
      const rows = tf.tensor(output.data, output.dims, "float32");
      return padded === batch ? rows : rows.slice(0, n);
    },
  };
}

function singleOutput(output: tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap): tfjs.Tensor {
  if (Array.isArray(output)) {
    if (output.length === 1) return output[0]!;
    throw new Error(`the embedding model must have exactly one output; it has ${output.length}`);
  }
  if ("shape" in output && "dtype" in output) return output as tfjs.Tensor;
  throw new Error("the embedding model must have exactly one output tensor; it returned a map of named outputs");
}

/** [N,H,W,C] → [N,D]: the model's output flattened per image, computed in batches. */
async function embedAll(tf: Tf, model: EmbeddingModel, images: tfjs.Tensor4D): Promise<tfjs.Tensor2D> {
  const n = images.shape[0];
  const parts: tfjs.Tensor2D[] = [];
  for (let start = 0; start < n; start += model.batchSize) {
    const batch = images.slice([start, 0, 0, 0], [Math.min(model.batchSize, n - start), -1, -1, -1]);
    const output = await model.embed(batch);
    if (output.shape[0] !== batch.shape[0]) {
      throw new Error(`the embedding model returned ${output.shape[0]} rows for a batch of ${batch.shape[0]} images`);
    }
    parts.push(output.toFloat().reshape([batch.shape[0], -1]));
  }
  return parts.length === 1 ? parts[0]! : tf.concat(parts, 0);
}

/** −‖q − p‖² = −(‖q‖² − 2 q·p + ‖p‖²), shape [Q, ways]. */
function negativeSquaredDistance(tf: Tf, query: tfjs.Tensor2D, prototypes: tfjs.Tensor2D): tfjs.Tensor2D {
  const qq = query.square().sum(1, true);
  const pp = prototypes.square().sum(1).expandDims(0);
  return tf.matMul(query, prototypes, false, true).mul(2).sub(qq).sub(pp) as tfjs.Tensor2D;
}

function scaledCosine(tf: Tf, query: tfjs.Tensor2D, prototypes: tfjs.Tensor2D): tfjs.Tensor2D {
  const unit = (x: tfjs.Tensor2D) => x.div(x.norm("euclidean", 1, true).maximum(1e-12));
  return tf.matMul(unit(query), unit(prototypes), false, true).mul(COSINE_SCALE) as tfjs.Tensor2D;
}
