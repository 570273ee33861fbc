import fs from "node:fs";
import path from "node:path";
import { displayText } from "@/lib/core/untrusted-text";
import { BundleError } from "../errors";
import { ONNX_DTYPE } from "./onnx-writer";
import { ProtobufError } from "./protobuf";
import { readOnnxModel, type OnnxDim, type OnnxModelSummary, type OnnxTensorValue } from "./onnx-reader";

/**
 * The ai.onnx opsets ONNX Runtime 1.31 runs (opsets before 7 lack most kernels there); a model importing another
 * is refused before it reaches a sandbox.
 */
export const ONNX_OPSETS = { min: 7, max: 26 } as const;
/** ONNX IR versions ONNX Runtime 1.31 loads (3 is the first with opset imports). */
export const ONNX_IR_VERSIONS = { min: 3, max: 13 } as const;
const STANDARD_DOMAINS = new Set(["", "ai.onnx"]);

export type ModelLayout = "nhwc" | "nchw";
/** Which no-code bundle a model is for: that decides the shapes it must take and give. */
export type OnnxModelRole = "embedding" | "atari-policy" | "metaworld-policy";

/** A dimension rule: a fixed size, "batch" (symbolic, or the fixed size `batch` allows), or "any". */
type DimRule = number | "batch" | "any" | "channels";

function expectedShapes(
  role: OnnxModelRole,
  layout: ModelLayout,
): { input: DimRule[]; output: DimRule[] | "rank>=2"; what: string } {
  switch (role) {
    case "embedding":
      return layout === "nchw"
        ? {
            input: ["batch", "channels", "any", "any"],
            output: "rank>=2",
            what: "an image batch [B, C, H, W] (layout nchw)",
          }
        : { input: ["batch", "any", "any", "channels"], output: "rank>=2", what: "an image batch [B, H, W, C]" };
    case "atari-policy":
      return layout === "nchw"
        ? { input: ["batch", 4, 84, 84], output: ["batch", "any"], what: "stacked frames [1, 4, 84, 84] (layout nchw)" }
        : { input: ["batch", 84, 84, 4], output: ["batch", "any"], what: "stacked frames [1, 84, 84, 4]" };
    case "metaworld-policy":
      // The observation's length is the benchmark's (39, 49 on MT10, 45 with rl2): checked against it at upload.
      return { input: ["batch", "any"], output: ["batch", 4], what: "an observation [1, n]" };
  }
}

const DTYPE_NAMES = new Map<number, string>(Object.entries(ONNX_DTYPE).map(([name, code]) => [code, name]));
/** Names inside a model are the uploader's text: shown safe, and short. */
const shown = (text: string) => displayText(text, 200);
const showDim = (d: OnnxDim) => (d === null ? "?" : typeof d === "string" ? shown(d) : String(d));
const showShape = (shape: OnnxDim[]) => `[${shape.map(showDim).join(", ")}]`;

type ValueCheck = { modelPath: string; what: string; batch: { fixed: number | undefined; policy: boolean } };

function checkValue(
  check: ValueCheck,
  which: "input" | "output",
  value: OnnxTensorValue,
  rules: DimRule[] | "rank>=2",
): void {
  const label = `${check.modelPath}: ${which} '${shown(value.name)}'`;
  const fail = (text: string) =>
    new BundleError("bundle_model_signature", `${label} ${text} (this kind of bundle takes ${check.what}).`);
  if (value.elemType !== ONNX_DTYPE.float) {
    const dtype =
      value.elemType === undefined
        ? "no tensor type"
        : (DTYPE_NAMES.get(value.elemType) ?? `element type ${value.elemType}`);
    throw fail(`is ${dtype}; it must be a float32 tensor`);
  }
  const shape = value.shape;
  if (!shape) throw fail("has no shape; export it with one (a symbolic batch dimension is fine)");
  if (rules === "rank>=2" ? shape.length < 2 : shape.length !== rules.length) {
    const want = rules === "rank>=2" ? "at least 2 dimensions [B, D…]" : `${rules.length} dimensions`;
    throw fail(`has shape ${showShape(shape)}; it must have ${want}`);
  }
  shape.forEach((dim, axis) => {
    const rule = rules === "rank>=2" ? (axis === 0 ? "batch" : "any") : rules[axis]!;
    const problem = dimProblem(dim, rule, which, check.batch);
    if (problem) throw fail(`has shape ${showShape(shape)}: dimension ${axis} ${problem}`);
  });
}

function dimProblem(
  dim: OnnxDim,
  rule: DimRule,
  which: "input" | "output",
  batch: { fixed: number | undefined; policy: boolean },
): string | undefined {
  if (typeof dim === "number" && dim < 1) return `is ${dim}; sizes are at least 1`;
  if (rule === "any") return undefined;
  if (rule === "channels")
    return typeof dim === "number" && dim !== 1 && dim !== 3
      ? `(channels) is ${dim}; images have 1 or 3 channels`
      : undefined;
  if (typeof rule === "number")
    return typeof dim === "number" && dim !== rule ? `is ${dim}; it must be ${rule}` : undefined;
  if (which === "input") {
    if (typeof dim === "number" && batch.policy && dim !== 1)
      return `(the batch) is ${dim}; a policy sees one observation at a time, so it must be 1 or symbolic`;
    return undefined;
  }
  if (typeof dim !== "number") return undefined;
  return batch.fixed === dim
    ? undefined
    : `(the batch) is fixed at ${dim} while the input's batch is ${batch.fixed ?? "symbolic"}`;
}

function checkOperators(modelPath: string, model: OnnxModelSummary): number {
  const opset = model.opsets.get("");
  if (model.irVersion < ONNX_IR_VERSIONS.min || model.irVersion > ONNX_IR_VERSIONS.max) {
    throw new BundleError(
      "bundle_model_opset",
      `${modelPath}: ONNX IR version ${model.irVersion} is not supported; ONNX Runtime here loads IR ${ONNX_IR_VERSIONS.min}–${ONNX_IR_VERSIONS.max} (a newer onnx package writes a newer IR by default: set model.ir_version = ${ONNX_IR_VERSIONS.max} before onnx.save).`,
    );
  }
  if (opset === undefined || opset < ONNX_OPSETS.min || opset > ONNX_OPSETS.max) {
    const got = opset === undefined ? "imports no ai.onnx opset" : `uses opset ${opset}`;
    throw new BundleError(
      "bundle_model_opset",
      `${modelPath}: ${got}; supported opsets are ${ONNX_OPSETS.min}–${ONNX_OPSETS.max} (torch.onnx.export(..., opset_version=17) for example).`,
    );
  }
  for (const { op, domain } of model.operators) {
    if (STANDARD_DOMAINS.has(domain) || model.functions.has(`${domain}:${op}`)) continue;
    throw new BundleError(
      "bundle_model_custom_op",
      `${modelPath}: operator '${shown(op)}' of domain '${shown(domain)}' is not a standard ONNX operator; custom and vendor operators are not accepted.`,
    );
  }
  return opset;
}

function checkExternalData(modelPath: string, model: OnnxModelSummary, fileBytes: Map<string, number>): void {
  const base = path.posix.dirname(modelPath);
  for (const ext of model.externalData) {
    const label = `${modelPath}: initializer '${shown(ext.tensor)}'`;
    const location = ext.location ?? "";
    const resolved = path.posix.normalize(path.posix.join(base, location));
    if (
      !location ||
      location.includes("\\") ||
      location.startsWith("/") ||
      /^[a-z][a-z0-9+.-]*:/i.test(location) ||
      resolved === ".." ||
      resolved.startsWith("../")
    ) {
      throw new BundleError(
        "bundle_weights_outside",
        `${label} keeps its data at '${shown(location)}', outside the bundle; external data must be a file inside it.`,
      );
    }
    const size = fileBytes.get(resolved);
    if (size === undefined)
      throw new BundleError(
        "bundle_weights_missing",
        `${label} keeps its data in '${shown(resolved)}', which is not in the bundle.`,
      );
    const length = ext.length ?? size - ext.offset;
    if (
      !Number.isSafeInteger(ext.offset) ||
      !Number.isSafeInteger(length) ||
      ext.offset < 0 ||
      length < 0 ||
      ext.offset + length > size
    ) {
      throw new BundleError(
        "bundle_weights_size",
        `${label} reads bytes ${ext.offset}–${ext.offset + length} of '${shown(resolved)}', which holds ${size} bytes.`,
      );
    }
  }
}

export type OnnxSignature = { opset: number; input: OnnxDim[]; output: OnnxDim[] };

/**
 * Checks that `modelPath` is an ONNX model this platform runs for `role`: well-formed, a supported IR version and
 * opset, standard operators only, external data inside the bundle, exactly one float32 input and output whose
 * shapes fit the kind (a symbolic batch dimension, or a fixed one where that can be honoured).
 */
export async function checkOnnxModel(input: {
  dir: string;
  modelPath: string;
  fileBytes: Map<string, number>;
  role: OnnxModelRole;
  layout: ModelLayout;
}): Promise<OnnxSignature> {
  const { modelPath } = input;
  let model: OnnxModelSummary;
  try {
    model = readOnnxModel(await fs.promises.readFile(path.join(input.dir, modelPath)));
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    throw new BundleError("bundle_model_invalid", `${modelPath}: not an ONNX model (${error.message}).`);
  }
  const opset = checkOperators(modelPath, model);
  checkExternalData(modelPath, model, input.fileBytes);
  const inputs = model.inputs.filter((v) => !model.initializers.has(v.name));
  if (inputs.length !== 1 || model.outputs.length !== 1) {
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
    throw new BundleError(
      "bundle_model_signature",
      `${modelPath}: has ${count(inputs.length, "input")} and ${count(model.outputs.length, "output")}; it must have exactly one of each.`,
    );
  }
  const expected = expectedShapes(input.role, input.layout);
  const modelInput = inputs[0]!;
  const fixedBatch = typeof modelInput.shape?.[0] === "number" ? modelInput.shape[0] : undefined;
  const check: ValueCheck = {
    modelPath,
    what: expected.what,
    batch: { fixed: fixedBatch, policy: input.role !== "embedding" },
  };
  checkValue(check, "input", modelInput, expected.input);
  checkValue(check, "output", model.outputs[0]!, expected.output);
  return { opset, input: modelInput.shape!, output: model.outputs[0]!.shape! };
}
