/** Tiny TF.js models in TF.js's own file formats, for tests and benches of the `embedding` and `policy` kinds. */
import * as tf from "@tensorflow/tfjs";
import { layersModelFiles } from "@/evaluator/bundle/layers-model-files";

export type ModelFiles = { files: Record<string, string | Uint8Array>; model: tf.LayersModel };

/** flatten → dense 8 (relu) → dense 4, seeded weights; files model/model.json + model/group1-shard1of1.bin (as tfjs-converter names it). */
export async function tinyEmbeddingModel(imageShape: [number, number, number]): Promise<ModelFiles> {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: imageShape }),
      tf.layers.dense({ units: 8, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({
        units: 4,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        biasInitializer: "ones",
      }),
    ],
  });
  return { model, files: await layersModelFiles(tf, model, { weightsFile: "group1-shard1of1.bin" }) };
}

/** An embedding bundle named `name` with a tiny real layers model for 28×28×1 glyphs (flatten → dense 16, seeded). */
export async function tinyEmbeddingFiles(name: string): Promise<Record<string, string | Uint8Array>> {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 16, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
    ],
  });
  const files = await layersModelFiles(tf, model);
  model.dispose();
  return {
    "heldout.json": JSON.stringify({ name, track: "fewshot", kind: "embedding", model: "model/model.json" }),
    ...files,
  };
}

/**
 * A graph model (the format tfjs-converter writes) computing flatten(x) · W, written by hand:
 * Placeholder → Reshape(to [-1, H·W·C]) → MatMul(W). Returns its files and W ([H·W·C, dims], row-major).
 */
export function tinyGraphModel(
  imageShape: [number, number, number],
  dims = 4,
): { files: Record<string, string | Uint8Array>; weights: Float32Array } {
  const inputs = imageShape[0] * imageShape[1] * imageShape[2];
  const weights = Float32Array.from({ length: inputs * dims }, (_, i) => Math.sin(i * 0.7) * 0.5);
  const float = { type: "DT_FLOAT" };
  const modelJson = {
    format: "graph-model",
    modelTopology: {
      node: [
        {
          name: "x",
          op: "Placeholder",
          attr: {
            dtype: float,
            shape: { shape: { dim: [{ size: "-1" }, ...imageShape.map((d) => ({ size: String(d) }))] } },
          },
        },
        {
          name: "flat_shape",
          op: "Const",
          attr: {
            dtype: { type: "DT_INT32" },
            value: { tensor: { dtype: "DT_INT32", tensorShape: { dim: [{ size: "2" }] } } },
          },
        },
        {
          name: "w",
          op: "Const",
          attr: {
            dtype: float,
            value: {
              tensor: { dtype: "DT_FLOAT", tensorShape: { dim: [{ size: String(inputs) }, { size: String(dims) }] } },
            },
          },
        },
        { name: "flat", op: "Reshape", input: ["x", "flat_shape"], attr: { T: float, Tshape: { type: "DT_INT32" } } },
        {
          name: "embedding",
          op: "MatMul",
          input: ["flat", "w"],
          attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false } },
        },
      ],
      library: {},
      versions: { producer: 1 },
    },
    weightsManifest: [
      {
        paths: ["weights.bin"],
        weights: [
          { name: "flat_shape", shape: [2], dtype: "int32" },
          { name: "w", shape: [inputs, dims], dtype: "float32" },
        ],
      },
    ],
  };
  const shape = new Uint8Array(Int32Array.of(-1, inputs).buffer);
  const bin = new Uint8Array(shape.length + weights.byteLength);
  bin.set(shape, 0);
  bin.set(new Uint8Array(weights.buffer), shape.length);
  return { files: { "graph/model.json": JSON.stringify(modelJson), "graph/weights.bin": bin }, weights };
}
