import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { modelFormatOf, type Manifest } from "../protocol/manifest";
import { gpuDevices, nativeBinds } from "./native-binds";
import { packageClosure, type PackageBinds } from "./node-modules";

const TFJS_PACKAGES = ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"];
/** ONNX Runtime's CPU engine (a native addon with its shared library beside it), for ONNX models. */
export const ONNX_RUNTIME_PACKAGE = "onnxruntime-node";

export type SandboxContents = {
  packages: PackageBinds;
  extraReadOnly: string[];
  devices: string[];
  runtimeArgs: string[];
};

/**
 * What goes into the sandbox besides the system, the runtime and the bundle: the packages TF.js needs, ONNX
 * Runtime's where it is installed, and with a built tfjs-node(-gpu) package, that package, its libraries and (GPU)
 * the NVIDIA device nodes.
 */
export function sandboxContents(options: { backend: string; tfjsNodePath?: string }): SandboxContents {
  const packages = packageClosure(hostNodeModules(), TFJS_PACKAGES);
  for (const [name, dir] of onnxRuntimePackages()) if (!packages.has(name)) packages.set(name, dir);
  const runtimeArgs = [`--backend=${options.backend}`];
  if (!options.tfjsNodePath) return { packages, extraReadOnly: [], devices: [], runtimeArgs };
  const native = nativeBinds(options.tfjsNodePath);
  // The TF.js packages already listed win: tfjs-node must register with the instance bundles import.
  for (const [name, dir] of native.packages) if (!packages.has(name)) packages.set(name, dir);
  runtimeArgs.push(`--tfjs-node=${native.sandboxPath}`);
  return { packages, extraReadOnly: native.libraries, devices: native.gpu ? gpuDevices() : [], runtimeArgs };
}

/** Where onnxruntime-node is installed, or undefined: without it only TF.js models run (an ONNX model fails to load, saying so). */
export function onnxRuntimeDir(): string | undefined {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${ONNX_RUNTIME_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

/**
 * The engine that runs a bundle's model, as recorded with each attempt: ONNX Runtime's CPU engine and its version for
 * an ONNX model, otherwise the TF.js backend the runtime chose (code and TF.js models run on it).
 */
export function modelEngine(manifest: Manifest, tfjsBackend: string): string {
  if (!("model" in manifest) || modelFormatOf(manifest.model) !== "onnx") return tfjsBackend;
  const dir = onnxRuntimeDir();
  const version = dir
    ? (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: string }).version
    : undefined;
  return `onnxruntime-cpu${version ? ` ${version}` : ""}`;
}

function onnxRuntimePackages(): PackageBinds {
  const dir = onnxRuntimeDir();
  return dir ? packageClosure(path.dirname(dir), [ONNX_RUNTIME_PACKAGE]) : new Map();
}

/** The node_modules folder this checkout's TF.js packages are installed in. */
function hostNodeModules(): string {
  const require = createRequire(import.meta.url);
  return path.resolve(path.dirname(require.resolve("@tensorflow/tfjs/package.json")), "..", "..");
}
