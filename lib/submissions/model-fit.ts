import type { OnnxSignature } from "@/evaluator/bundle/onnx/check-onnx";
import type { Manifest } from "@/evaluator/protocol/manifest";
import { imageInput, modelInputMismatch } from "@/evaluator/protocol/model-input";
import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import type { BenchmarkSpec } from "../benchmark-spec";
import { AppError } from "../core/errors";

/**
 * An ONNX embedding whose fixed input dimensions are not this benchmark's images, refused at upload with the shapes
 * named (the runtime checks the same at init, with the same words). Only the few-shot image shape is known before a
 * sandbox runs: an Atari game's action count comes from the emulator.
 */
export function modelMismatch(input: {
  spec: BenchmarkSpec;
  manifest: Manifest;
  onnx: OnnxSignature | undefined;
  datasetsDir: string;
}): AppError | undefined {
  const { spec, manifest, onnx } = input;
  if (!onnx || spec.track !== "fewshot" || manifest.kind !== "embedding") return undefined;
  let imageShape: [number, number, number];
  try {
    imageShape = openFewshotDataset(spec.dataset, input.datasetsDir).imageShape;
  } catch {
    // A store this site cannot open (not imported here): the sandbox's own check at init still applies.
    return undefined;
  }
  const expected = imageInput(imageShape, manifest.layout);
  const problem = modelInputMismatch(onnx.input, expected.shape, expected.what);
  return problem ? new AppError("bundle_model_signature", `${manifest.model}: ${problem}.`) : undefined;
}
