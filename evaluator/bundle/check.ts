import type { Manifest } from "@/evaluator/protocol/manifest";
import type { BundleFile } from "./bundle-writer";
import { removeUnpacked, unpackBundle, type ArchiveType, type UnpackInput } from "./unpack";
import { validateBundleDir } from "./validate";

/** `modelInputShape`: the per-example input shape a no-code bundle's model declares, when it declares one. */
export type CheckedBundle = {
  manifest: Manifest;
  modelInputShape?: number[];
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
  return {
    manifest: opened.manifest,
    modelInputShape: opened.modelInputShape,
    files: opened.files,
    bytes: opened.bytes,
    sha256: opened.sha256,
    type: opened.type,
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
    const { manifest, modelInputShape } = await validateBundleDir(unpacked);
    const { dir, files, bytes, sha256, type } = unpacked;
    return { manifest, modelInputShape, files, bytes, sha256, type, dir, close: () => removeUnpacked(dir) };
  } catch (error) {
    await removeUnpacked(unpacked.dir);
    throw error;
  }
}
