import path from "node:path";
import { modelInputMismatch } from "../protocol/model-input";

/**
 * ONNX models of the no-code kinds, run by ONNX Runtime's CPU engine (onnxruntime-node). The package is loaded
 * only when a bundle's model is an .onnx file, from the read-only /node_modules bind like TF.js; it is not bundled
 * into the runtime (a native addon). The types below are the few parts of its API used here, so the runtime
 * builds and type-checks without the package's declarations.
 */
type OrtTensor = { readonly type: string; readonly dims: readonly number[]; readonly data: unknown };
type OrtSession = {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly { name: string; shape?: readonly (number | string)[] }[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
};
type Ort = {
  InferenceSession: { create(file: string, options: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: "float32", data: Float32Array, dims: readonly number[]) => OrtTensor;
  env: { logLevel?: string };
};

export type OnnxRunner = {
  /** The input's declared shape: numbers where fixed, strings (or -1) where symbolic; undefined when not reported. */
  inputShape: readonly (number | string)[] | undefined;
  run(data: Float32Array, dims: readonly number[]): Promise<{ data: Float32Array; dims: number[] }>;
};

/** A specifier in a variable: neither esbuild nor TypeScript looks for the package where the runtime is built. */
const ORT_PACKAGE = "onnxruntime-node";

async function importOrt(): Promise<Ort> {
  try {
    const mod = (await import(ORT_PACKAGE)) as Ort & { default?: Ort };
    return mod.default ?? mod;
  } catch (error) {
    throw new Error(`ONNX Runtime (onnxruntime-node) cannot be loaded in this evaluator: ${(error as Error).message}`);
  }
}

/** Opens `modelPath` (inside the bundle) in an ONNX Runtime CPU session with one input and one float32 output. */
export async function loadOnnxModel(bundleDir: string, modelPath: string): Promise<OnnxRunner> {
  const file = path.resolve(bundleDir, modelPath);
  const relative = path.relative(bundleDir, file);
  if (relative.startsWith("..") || path.isAbsolute(relative))
    throw new Error(`model file ${modelPath} lies outside the bundle`);
  const ort = await importOrt();
  // Warnings only (the default also logs that telemetry has no certificates to send with: there is no network).
  ort.env.logLevel = "error";
  const session = await ort.InferenceSession.create(file, {
    executionProviders: ["cpu"],
    graphOptimizationLevel: "all",
    executionMode: "sequential",
    interOpNumThreads: 1,
    logSeverityLevel: 3,
    // Idle worker threads sleep instead of spinning: sandboxes share the cores (one per core beyond the first), and
    // spinning threads starve the others (bench/onnx-vs-tfjs.ts: 8 episodes/s spinning, 20 without, on 2 busy cores).
    extra: { session: { intra_op: { allow_spinning: "0" } } },
  });
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1) {
    throw new Error(
      `the ONNX model must have exactly one input and one output; it has ${session.inputNames.length} and ${session.outputNames.length}`,
    );
  }
  const [inputName] = session.inputNames as [string];
  const [outputName] = session.outputNames as [string];
  return {
    inputShape: session.inputMetadata?.[0]?.shape,
    async run(data, dims) {
      const outputs = await session.run({ [inputName]: new ort.Tensor("float32", data, dims) });
      const output = outputs[outputName]!;
      if (output.type !== "float32" || !(output.data instanceof Float32Array)) {
        throw new Error(`the ONNX model's output '${outputName}' is ${output.type}; it must be float32`);
      }
      return { data: output.data, dims: [...output.dims] };
    },
  };
}

/** The batch size an input takes: its first dimension when fixed, else undefined (any batch). */
export function fixedBatch(runner: OnnxRunner): number | undefined {
  const first = runner.inputShape?.[0];
  return typeof first === "number" && first > 0 ? first : undefined;
}

/** What is wrong with the model's input for what the task sends (`expected`, batch excluded), or undefined. */
export function inputMismatch(runner: OnnxRunner, expected: readonly number[], what: string): string | undefined {
  return runner.inputShape && modelInputMismatch(runner.inputShape, expected, what);
}
