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

/**
 * The manifest; for a TF.js model that declares it, its per-example input shape; for an ONNX model its declared
 * input and output. The upload checks them against what the benchmark feeds.
 */
export type ValidatedBundle = { manifest: Manifest; modelInputShape?: number[]; onnx?: OnnxSignature };

/** An ONNX bundle's signature, with its per-example input shape when every dimension after the batch is fixed. */
function onnxBundle(manifest: Manifest, onnx: OnnxSignature): ValidatedBundle {
  const perExample = onnx.input.slice(1);
  const fixed = perExample.every((d): d is number => typeof d === "number" && d > 0);
  return { manifest, onnx, ...(fixed ? { modelInputShape: perExample } : {}) };
}

/**
 * Validates an unpacked bundle: the manifest at the root (zod-checked, errors naming the field), then what its kind
 * needs. `files` lists the bundle's regular files; nothing outside it is trusted to exist. Returns the manifest and,
 * for a model that declares it, its per-example input shape (a benchmark checks it against what it feeds).
 */
export async function validateBundleDir(input: { dir: string; files: BundleFile[] }): Promise<ValidatedBundle> {
  const fileBytes = new Map(input.files.map((f) => [f.path, f.bytes]));
  const manifest = await readManifest(input.dir, fileBytes);
  switch (manifest.kind) {
    case "embedding":
    case "policy":
      if (modelFormatOf(manifest.model) === "tfjs")
        return {
          manifest,
          modelInputShape: (await checkTfjsModel({ dir: input.dir, modelPath: manifest.model, fileBytes })).inputShape,
        };
      return onnxBundle(manifest, await checkOnnx(input.dir, manifest, fileBytes));
    case "finetune":
      // Fine-tuning adds and trains layers, which only a layers model allows.
      return {
        manifest,
        modelInputShape: (
          await checkTfjsModel({ dir: input.dir, modelPath: manifest.model, fileBytes, format: "layers-model" })
        ).inputShape,
      };
    case "learner":
    case "agent":
      await checkEntry(input.dir, manifest.entry, fileBytes);
      return { manifest };
    default:
      return manifest satisfies never;
  }
}
