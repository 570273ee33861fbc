import { createRequire } from "node:module";
import type * as tfjs from "@tensorflow/tfjs";
import { loadNativeTfjs } from "./native";
import { prepareWasmBackend } from "./wasm";

// The tfjs packages are CommonJS; require() gives their full namespace.
const require = createRequire(import.meta.url);

export type BackendName = "tensorflow" | "wasm" | "cpu";
export type BackendPreference = "auto" | BackendName;

export type SelectBackendOptions = {
  prefer: BackendPreference;
  /**
   * A built `@tensorflow/tfjs-node(-gpu)` package directory, or a directory
   * whose node_modules/@tensorflow holds one (see findNativeTfjs).
   */
  tfjsNodePath?: string;
};

export type SelectedBackend = { tf: typeof tfjs; backend: BackendName };

/**
 * Picks the TF.js backend and makes it current. "auto" tries, in order, the
 * native TensorFlow addon (GPU build first), WASM, then cpu; a forced choice
 * that cannot load is an error rather than a silent fallback.
 * The returned `tf` is the instance every caller (and the code under
 * evaluation) must use.
 */
export async function selectBackend(options: SelectBackendOptions): Promise<SelectedBackend> {
  const { prefer, tfjsNodePath } = options;
  const order: BackendName[] = prefer === "auto" ? ["tensorflow", "wasm", "cpu"] : [prefer];
  const failures: string[] = [];
  for (const name of order) {
    try {
      return { tf: await activate(name, tfjsNodePath), backend: name };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (prefer !== "auto") throw new Error(`The ${name} backend was requested but cannot be used: ${reason}`);
      failures.push(`${name}: ${reason}`);
    }
  }
  throw new Error(`No TF.js backend could be loaded:\n  ${failures.join("\n  ")}`);
}

async function activate(name: BackendName, tfjsNodePath: string | undefined): Promise<typeof tfjs> {
  const tf = name === "tensorflow" ? loadNativeTfjs(tfjsNodePath) : (require("@tensorflow/tfjs") as typeof tfjs);
  if (name === "wasm") prepareWasmBackend(tf);
  const before = processListeners();
  const ok = await tf.setBackend(name);
  // The WASM module's loader installs process-wide handlers that rethrow any uncaught error from inside its
  // minified one-line source, so Node prints that whole line; without them errors report as usual.
  removeListenersAddedSince(before);
  if (!ok) throw new Error(`tf.setBackend("${name}") failed to initialise`);
  await tf.ready();
  return tf;
}

function processListeners() {
  return {
    uncaughtException: process.listeners("uncaughtException"),
    unhandledRejection: process.listeners("unhandledRejection"),
  };
}

function removeListenersAddedSince(before: ReturnType<typeof processListeners>): void {
  const now = processListeners();
  for (const listener of now.uncaughtException) {
    if (!before.uncaughtException.includes(listener)) process.removeListener("uncaughtException", listener);
  }
  for (const listener of now.unhandledRejection) {
    if (!before.unhandledRejection.includes(listener)) process.removeListener("unhandledRejection", listener);
  }
}
