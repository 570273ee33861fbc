/**
 * `npm run export:protonet-onnx`: writes the ONNX twin of the ProtoNet Conv-4 baseline (onnx-bundle/) from the
 * committed TF.js weights (bundle/model/), layer by layer: each conv kernel turned from TF.js's [3, 3, in, out] to
 * ONNX's [out, in, 3, 3], batch norm's four vectors and epsilon as they are. Nothing is retrained, so both bundles
 * embed every image alike (protonet-onnx-parity.test.ts checks the probabilities agree to 1e-5).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as tfjs from "@tensorflow/tfjs";
import { convEmbeddingGraph, type ConvBlock } from "@/evaluator/bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "@/evaluator/bundle/onnx/onnx-writer";
import { bundleModelHandler } from "@/evaluator/runtime/model-files";

const here = path.dirname(fileURLToPath(import.meta.url));
export const TFJS_BUNDLE = path.join(here, "bundle");
export const ONNX_BUNDLE = path.join(here, "onnx-bundle");

/** The Conv-4 blocks of a TF.js layers model: conv (kernel, bias) then batch norm (γ, β, mean, variance). */
function convBlocks(model: tfjs.LayersModel): ConvBlock[] {
  const blocks: ConvBlock[] = [];
  const layers = model.layers;
  for (let i = 0; i < layers.length; i++) {
    if (layers[i]!.getClassName() !== "Conv2D") continue;
    const bn = layers[i + 1]!;
    if (bn.getClassName() !== "BatchNormalization")
      throw new Error(`layer ${i + 1} is ${bn.getClassName()}, not the batch norm Conv-4 has after each conv`);
    const [kernel, bias] = layers[i]!.getWeights();
    const [gamma, beta, mean, variance] = bn.getWeights().map((w) => w.dataSync() as Float32Array);
    const [, , inChannels, filters] = kernel!.shape as number[];
    blocks.push({
      kernel: kernel!.dataSync() as Float32Array,
      inChannels: inChannels!,
      filters: filters!,
      bias: bias!.dataSync() as Float32Array,
      batchNorm: {
        gamma: gamma!,
        beta: beta!,
        mean: mean!,
        variance: variance!,
        epsilon: bn.getConfig().epsilon as number,
      },
    });
  }
  return blocks;
}

/** The ONNX bytes of the baseline's Conv-4, and the manifest of its ONNX bundle. */
export async function exportProtonetOnnx(): Promise<{ model: Uint8Array; manifest: Record<string, unknown> }> {
  const tf = await import("@tensorflow/tfjs");
  await tf.setBackend("cpu");
  const model = await tf.loadLayersModel(bundleModelHandler(tf, TFJS_BUNDLE, "model/model.json"));
  const [, h, w, c] = model.inputs[0]!.shape as number[];
  const onnx = writeOnnxModel(convEmbeddingGraph({ imageShape: [h!, w!, c!], blocks: convBlocks(model) }));
  model.dispose();
  const tfjsManifest = JSON.parse(readFileSync(path.join(TFJS_BUNDLE, "heldout.json"), "utf8")) as {
    method: { description: string } & Record<string, unknown>;
  };
  const manifest = {
    ...tfjsManifest,
    name: "protonet-conv4-onnx",
    model: "model.onnx",
    method: {
      ...tfjsManifest.method,
      description: `${tfjsManifest.method.description} The same weights exported to ONNX by export-onnx.ts, run on ONNX Runtime.`,
    },
  };
  return { model: onnx, manifest };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { model, manifest } = await exportProtonetOnnx();
  mkdirSync(ONNX_BUNDLE, { recursive: true });
  writeFileSync(path.join(ONNX_BUNDLE, "model.onnx"), model);
  writeFileSync(path.join(ONNX_BUNDLE, "heldout.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${ONNX_BUNDLE} (model.onnx: ${model.length} bytes)`);
}
