import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describeIssues } from "./describe-issues";
import { BundleError } from "./errors";

/** Bytes per element of each dtype a weights manifest may name (after dequantization or as stored). */
const DTYPE_BYTES = { float32: 4, int32: 4, bool: 1, complex64: 8 } as const;
const QUANTIZED_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;

const weightSchema = z.looseObject({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(["float32", "int32", "bool", "complex64", "string"]),
  quantization: z.looseObject({ dtype: z.enum(["uint8", "uint16", "float16"]) }).optional(),
});

const modelJsonSchema = z.looseObject({
  format: z.enum(["layers-model", "graph-model"]).optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.looseObject({ paths: z.array(z.string().min(1)).min(1), weights: z.array(weightSchema) })),
});

const MAX_MODEL_JSON_BYTES = 32 * 1024 * 1024;

function modelFormat(model: z.infer<typeof modelJsonSchema>): "layers-model" | "graph-model" | undefined {
  if (model.format) return model.format;
  const t = model.modelTopology;
  if ("node" in t) return "graph-model";
  if ("class_name" in t || "model_config" in t) return "layers-model";
  return undefined;
}

function expectedBytes(modelPath: string, weight: z.infer<typeof weightSchema>): number {
  const elements = weight.shape.reduce((a, b) => a * b, 1);
  if (weight.quantization) return elements * QUANTIZED_BYTES[weight.quantization.dtype];
  if (weight.dtype === "string") {
    throw new BundleError(
      "bundle_model_invalid",
      `${modelPath}: weight '${weight.name}' has dtype 'string', which embedding models cannot use.`,
    );
  }
  return elements * DTYPE_BYTES[weight.dtype];
}

/**
 * The per-example input shape of a TF.js layers model: the batch_input_shape of a Sequential model's first layer or
 * of a functional model's input layer, without the batch dimension. Undefined when the model does not say.
 */
export function modelInputShape(modelJson: unknown): number[] | undefined {
  const topology = (modelJson as { modelTopology?: { config?: unknown; model_config?: { config?: unknown } } })
    .modelTopology;
  const config = (topology?.model_config?.config ?? topology?.config) as
    { layers?: { config?: { batch_input_shape?: unknown } }[] } | undefined;
  const shape = config?.layers?.find((layer) => Array.isArray(layer.config?.batch_input_shape))?.config
    ?.batch_input_shape as unknown[] | undefined;
  return shape?.slice(1).every((d) => typeof d === "number") ? (shape.slice(1) as number[]) : undefined;
}

/**
 * Checks that `modelPath` is a TF.js layers or graph model (or the one `format` given) whose weight files all exist inside the bundle and
 * hold exactly the bytes the weights manifest describes (Σ elements × dtype size per group, quantization included).
 * Returns the input shape the model declares (modelInputShape), for the benchmark to check against what it feeds.
 */
export async function checkTfjsModel(input: {
  dir: string;
  modelPath: string;
  fileBytes: Map<string, number>;
  /** The one format this kind of bundle accepts; either when absent. */
  format?: "layers-model" | "graph-model";
}): Promise<{ inputShape: number[] | undefined }> {
  const { dir, modelPath, fileBytes } = input;
  const raw = await readModelJson(dir, modelPath, fileBytes);
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    throw new BundleError(
      "bundle_model_invalid",
      `${describeIssues(modelPath, parsed.error, raw)}\n(a TF.js model.json has modelTopology and weightsManifest)`,
    );
  }
  const model = parsed.data;
  const format = modelFormat(model);
  if (!format) {
    throw new BundleError(
      "bundle_model_invalid",
      `${modelPath}: modelTopology is neither a TF.js layers model nor a graph model.`,
    );
  }
  if (input.format && format !== input.format) {
    throw new BundleError(
      "bundle_model_invalid",
      `${modelPath}: is a ${format}; this kind of bundle needs a ${input.format} (e.g. from tfjs model.save or tensorflowjs_converter --output_format tfjs_layers_model).`,
    );
  }
  checkWeightFiles(modelPath, model, fileBytes);
  return { inputShape: modelInputShape(raw) };
}

/** The parsed JSON of `modelPath`, once it is known to be a file in the bundle of at most MAX_MODEL_JSON_BYTES. */
async function readModelJson(dir: string, modelPath: string, fileBytes: Map<string, number>): Promise<unknown> {
  const size = fileBytes.get(modelPath);
  if (size === undefined) {
    const isDir = await fs.promises.stat(path.join(dir, modelPath)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    throw new BundleError(
      "bundle_model_missing",
      isDir
        ? `heldout.json: model: '${modelPath}' is a directory, not a model.json file.`
        : `heldout.json: model: '${modelPath}' is not in the bundle.`,
    );
  }
  if (size > MAX_MODEL_JSON_BYTES)
    throw new BundleError(
      "bundle_model_invalid",
      `${modelPath}: larger than 32 MiB; model.json holds the topology, weights go in .bin files.`,
    );
  try {
    return JSON.parse(await fs.promises.readFile(path.join(dir, modelPath), "utf8"));
  } catch (error) {
    throw new BundleError("bundle_model_invalid", `${modelPath}: not valid JSON (${(error as Error).message}).`);
  }
}

/** Each weights group's files lie inside the bundle, exist, and hold exactly the bytes its weights describe. */
function checkWeightFiles(
  modelPath: string,
  model: z.infer<typeof modelJsonSchema>,
  fileBytes: Map<string, number>,
): void {
  const base = path.posix.dirname(modelPath);
  for (const [g, group] of model.weightsManifest.entries()) {
    let actual = 0;
    for (const p of group.paths) {
      const resolved = path.posix.normalize(path.posix.join(base, p));
      if (
        p.includes("\\") ||
        p.startsWith("/") ||
        /^[a-z][a-z0-9+.-]*:/i.test(p) ||
        resolved.startsWith("../") ||
        resolved === ".."
      ) {
        throw new BundleError(
          "bundle_weights_outside",
          `${modelPath}: weightsManifest[${g}].paths: '${p}' points outside the bundle.`,
        );
      }
      const bytes = fileBytes.get(resolved);
      if (bytes === undefined)
        throw new BundleError(
          "bundle_weights_missing",
          `${modelPath}: weight file '${resolved}' is listed in weightsManifest[${g}] but is not in the bundle.`,
        );
      actual += bytes;
    }
    const expected = group.weights.reduce((sum, w) => sum + expectedBytes(modelPath, w), 0);
    if (actual !== expected) {
      throw new BundleError(
        "bundle_weights_size",
        `${modelPath}: weightsManifest[${g}] describes ${expected} bytes of weights (${group.weights.length} tensors), but ${group.paths.map((p) => `'${p}'`).join(", ")} hold${group.paths.length === 1 ? "s" : ""} ${actual} bytes.`,
      );
    }
  }
}
