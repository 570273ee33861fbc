import type * as tfjs from "@tensorflow/tfjs";
import { modelFormatOf } from "../protocol/manifest";
import { bundleModelHandler, isGraphModel } from "./model-files";
import { inputMismatch, loadOnnxModel } from "./onnx-model";

/** One forward pass of a no-code policy: the observation (one, flat) → the model's output, flat, with its shape. */
export type PolicyModel = (observation: Float32Array) => Promise<{ values: Float32Array; shape: number[] }>;

/**
 * A policy bundle's model, TF.js or ONNX, fed `[1, ...observationShape]`. An ONNX model declared `layout: "nchw"`
 * gets the observation's last axis (the stacked frames) moved first: [1, F, H, W]. With `observations` (what the
 * observations are, in words), a TF.js model that declares another input shape is refused before it plays.
 */
export async function loadPolicyModel(
  ctx: { tf: typeof tfjs; bundleDir: string },
  manifest: { model: string; layout?: "nhwc" | "nchw" },
  observationShape: readonly number[],
  observations?: string,
): Promise<PolicyModel> {
  const { tf, bundleDir } = ctx;
  if (modelFormatOf(manifest.model) === "onnx") {
    const runner = await loadOnnxModel(bundleDir, manifest.model);
    const nchw = manifest.layout === "nchw" && observationShape.length === 3;
    const shape = nchw ? [observationShape[2]!, observationShape[0]!, observationShape[1]!] : [...observationShape];
    const mismatch = inputMismatch(runner, shape, nchw ? "observations (layout nchw)" : "observations");
    if (mismatch) throw new Error(mismatch);
    return async (observation) => {
      const output = await runner.run(nchw ? channelsFirst(observation, observationShape) : observation, [1, ...shape]);
      return { values: output.data, shape: output.dims };
    };
  }
  const handler = bundleModelHandler(tf, bundleDir, manifest.model);
  const model: {
    predict(input: tfjs.Tensor): tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap;
    inputs?: { shape?: (number | null)[] }[];
  } = (await isGraphModel(bundleDir, manifest.model))
    ? await tf.loadGraphModel(handler)
    : await tf.loadLayersModel(handler);
  const declared = model.inputs?.[0]?.shape?.slice(1);
  const known = declared?.length && declared.every((d) => typeof d === "number" && d > 0);
  if (observations && known && declared.join(",") !== observationShape.join(",")) {
    throw new Error(
      `the policy model takes [1, ${declared.join(", ")}] inputs, but ${observations}: its input must be [1, ${observationShape.join(", ")}]`,
    );
  }
  return async (observation) => {
    const first = tf.tidy(() => {
      const output = model.predict(tf.tensor(observation, [1, ...observationShape], "float32"));
      return output instanceof tf.Tensor ? output : Array.isArray(output) ? output[0]! : Object.values(output)[0]!;
    });
    try {
      return { values: (await first.data()) as Float32Array, shape: first.shape };
    } finally {
      first.dispose();
    }
  };
}

/** [H, W, C] row-major → [C, H, W]. */
function channelsFirst(values: Float32Array, [h, w, c]: readonly number[]): Float32Array {
  const out = new Float32Array(values.length);
  const plane = h! * w!;
  for (let p = 0; p < plane; p++) for (let k = 0; k < c!; k++) out[k * plane + p] = values[p * c! + k]!;
  return out;
}
