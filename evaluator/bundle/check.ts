import type { Manifest } from "@/evaluator/protocol/manifest";
import type { BundleFile } from "./bundle-writer";
import type { OnnxSignature } from "./onnx/check-onnx";
import { removeUnpacked, unpackBundle, type ArchiveType, type UnpackInput } from "./unpack";
import { validateBundleDir } from "./validate";

/**
 * `modelInputShape`: the per-example input shape a TF.js no-code model declares, when it declares one; `onnx`: an ONNX
 * model's declared input and output shapes, for the checks that need the benchmark.
 */
export type CheckedBundle = {
  manifest: Manifest;
  modelInputShape?: number[];
  onnx?: OnnxSignature;
  files: BundleFile[];
  bytes: number;
  sha256: string;
  type: ArchiveType;
};

/**
 * Unpacks and validates a bundle archive, then removes the unpacked copy. The one check used by the upload path,
 * the worker and `heldout bundle check`. Throws BundleError (an AppError, status 400 or 413) naming what is wrong.
 */
export async function checkBundle(input: UnpackInput): Promise<CheckedBundle> {
  const opened = await openBundle(input);
  await opened.close();
  const { manifest, modelInputShape, onnx, files, bytes, sha256, type } = opened;
  return {
    manifest,
    ...(modelInputShape ? { modelInputShape } : {}),
    ...(onnx ? { onnx } : {}),
    files,
    bytes,
    sha256,
    type,
  };
}

/**
 * Like checkBundle, but keeps the unpacked, validated directory for the caller (the worker hands it to the
 * sandbox); `close()` removes it.
 */
export async function openBundle(
  input: UnpackInput,
): Promise<CheckedBundle & { dir: string; close: () => Promise<void> }> {
  const unpacked = await unpackBundle(input);
  try {
    const validated = await validateBundleDir(unpacked);
    const { dir, files, bytes, sha256, type } = unpacked;
    return { ...validated, files, bytes, sha256, type, dir, close: () => removeUnpacked(dir) };
  } catch (error) {
    await removeUnpacked(unpacked.dir);
    throw error;
  }
}
