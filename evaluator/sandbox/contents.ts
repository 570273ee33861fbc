import { createRequire } from "node:module";
import path from "node:path";
import { gpuDevices, nativeBinds } from "./native-binds";
import { packageClosure, type PackageBinds } from "./node-modules";

const TFJS_PACKAGES = ["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"];

export type SandboxContents = {
  packages: PackageBinds;
  extraReadOnly: string[];
  devices: string[];
  runtimeArgs: string[];
};

/**
 * What goes into the sandbox besides the system, the runtime and the bundle: the packages TF.js needs, and
 * with a built tfjs-node(-gpu) package, that package, its libraries and (GPU) the NVIDIA device nodes.
 */
export function sandboxContents(options: { backend: string; tfjsNodePath?: string }): SandboxContents {
  const packages = packageClosure(hostNodeModules(), TFJS_PACKAGES);
  const runtimeArgs = [`--backend=${options.backend}`];
  if (!options.tfjsNodePath) return { packages, extraReadOnly: [], devices: [], runtimeArgs };
  const native = nativeBinds(options.tfjsNodePath);
  // The TF.js packages already listed win: tfjs-node must register with the instance bundles import.
  for (const [name, dir] of native.packages) if (!packages.has(name)) packages.set(name, dir);
  runtimeArgs.push(`--tfjs-node=${native.sandboxPath}`);
  return { packages, extraReadOnly: native.libraries, devices: native.gpu ? gpuDevices() : [], runtimeArgs };
}

/** The node_modules folder this checkout's TF.js packages are installed in. */
function hostNodeModules(): string {
  const require = createRequire(import.meta.url);
  return path.resolve(path.dirname(require.resolve("@tensorflow/tfjs/package.json")), "..", "..");
}
