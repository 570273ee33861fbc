import fs from "node:fs";
import path from "node:path";
import { MANIFEST_FILE, manifestSchema, modelFormatOf, type Manifest } from "@/evaluator/protocol/manifest";
import { findNul } from "@/lib/core/user-text";
import { displayText } from "@/lib/core/untrusted-text";
import type { BundleFile } from "./bundle-writer";
import { describeIssues } from "./describe-issues";
import { BundleError } from "./errors";
import { checkOnnxModel, type OnnxModelRole, type OnnxSignature } from "./onnx/check-onnx";
import { checkTfjsModel } from "./tfjs-model";

const MAX_MANIFEST_BYTES = 256 * 1024;

async function readManifest(dir: string, fileBytes: Map<string, number>): Promise<Manifest> {
  const size = fileBytes.get(MANIFEST_FILE);
  if (size === undefined) {
    const nested = [...fileBytes.keys()].find((p) => p.endsWith(`/${MANIFEST_FILE}`));
    const hint = nested
      ? ` Found '${nested}': pack the contents of '${path.posix.dirname(nested)}/', not the folder itself.`
      : "";
    throw new BundleError("bundle_manifest_missing", `Bundle has no ${MANIFEST_FILE} at its root.${hint}`);
  }
  if (size > MAX_MANIFEST_BYTES)
    throw new BundleError("bundle_manifest_invalid", `${MANIFEST_FILE}: larger than 256 KiB.`);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.promises.readFile(path.join(dir, MANIFEST_FILE), "utf8"));
  } catch (error) {
    throw new BundleError("bundle_manifest_json", `${MANIFEST_FILE}: not valid JSON (${(error as Error).message}).`);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new BundleError("bundle_manifest_invalid", `${MANIFEST_FILE}: must be a JSON object.`);
  }
  // Stored as jsonb with the submission, which cannot hold NUL: refused here with the field, not by the database.
  const nul = findNul(raw);
  if (nul !== undefined)
    throw new BundleError(
      "bundle_manifest_invalid",
      `${MANIFEST_FILE}: ${displayText(nul)}: must not contain a NUL character (U+0000).`,
    );
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BundleError("bundle_manifest_invalid", describeIssues(MANIFEST_FILE, parsed.error, raw));
  return parsed.data;
}

async function checkEntry(dir: string, entry: string, fileBytes: Map<string, number>): Promise<void> {
  if (fileBytes.has(entry)) return;
  const isDir = await fs.promises.stat(path.join(dir, entry)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  throw new BundleError(
    "bundle_entry_missing",
    isDir
      ? `${MANIFEST_FILE}: entry: '${entry}' is a directory, not a file.`
      : `${MANIFEST_FILE}: entry: '${entry}' is not in the bundle.`,
  );
}

async function checkOnnx(
  dir: string,
  manifest: Extract<Manifest, { kind: "embedding" | "policy" }>,
  fileBytes: Map<string, number>,
): Promise<OnnxSignature> {
  const modelPath = manifest.model;
  if (!fileBytes.has(modelPath)) {
    const isDir = await fs.promises.stat(path.join(dir, modelPath)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    throw new BundleError(
      "bundle_model_missing",
      isDir
        ? `${MANIFEST_FILE}: model: '${modelPath}' is a directory, not an .onnx file.`
        : `${MANIFEST_FILE}: model: '${modelPath}' is not in the bundle.`,
    );
  }
  const role: OnnxModelRole =
    manifest.kind === "embedding" ? "embedding" : manifest.track === "atari" ? "atari-policy" : "metaworld-policy";
  const layout = "layout" in manifest ? (manifest.layout ?? "nhwc") : "nhwc";
  return checkOnnxModel({ dir, modelPath, fileBytes, role, layout });
}

/** The manifest, and for an ONNX model its declared input and output (the upload checks them against the task). */
export type ValidatedBundle = { manifest: Manifest; onnx?: OnnxSignature };

/**
 * Validates an unpacked bundle: the manifest at the root (zod-checked, errors naming the field), then what its kind
 * needs. `files` lists the bundle's regular files; nothing outside it is trusted to exist.
 */
export async function validateBundleDir(input: { dir: string; files: BundleFile[] }): Promise<ValidatedBundle> {
  const fileBytes = new Map(input.files.map((f) => [f.path, f.bytes]));
  const manifest = await readManifest(input.dir, fileBytes);
  let onnx: OnnxSignature | undefined;
  switch (manifest.kind) {
    case "embedding":
    case "policy":
      if (modelFormatOf(manifest.model) === "tfjs")
        await checkTfjsModel({ dir: input.dir, modelPath: manifest.model, fileBytes });
      else onnx = await checkOnnx(input.dir, manifest, fileBytes);
      break;
    case "finetune":
      // Fine-tuning adds and trains layers, which only a layers model allows.
      await checkTfjsModel({ dir: input.dir, modelPath: manifest.model, fileBytes, format: "layers-model" });
      break;
    case "learner":
    case "agent":
      await checkEntry(input.dir, manifest.entry, fileBytes);
      break;
    default:
      manifest satisfies never;
  }
  return { manifest, ...(onnx ? { onnx } : {}) };
}
