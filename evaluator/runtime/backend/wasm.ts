import { createRequire } from "node:module";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import { conv2dBackpropFilterKernel } from "./conv2d-backprop-filter";
import { conv2dBackpropInputKernel } from "./conv2d-backprop-input";
import { broadcastTileKernel } from "./tile";
import { explicitTransposeMatMulKernel } from "./batch-mat-mul";

type Tf = typeof tfjs;

const require = createRequire(import.meta.url);

/**
 * Makes the WASM backend available to `tf`: its .wasm binaries are read from
 * the package's own dist/ folder (found relative to this file, so the same
 * code works in the repository and inside the sandbox), the kernel a conv net
 * needs to train that the package lacks is registered, and slow kernels on a
 * training step's path (conv input gradient, broadcasting tile, transposed
 * matmul) are replaced by compositions of its faster ones.
 * Node runs it single-threaded (tfjs disables WASM threads under Node).
 */
export function prepareWasmBackend(tf: Tf): void {
  const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
  const distDir = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
  wasm.setWasmPaths(`${distDir}${path.sep}`);
  if (!tf.getKernel(tf.Conv2DBackpropFilter, "wasm")) tf.registerKernel(conv2dBackpropFilterKernel(tf));
  replace(tf, tf.Conv2DBackpropInput, conv2dBackpropInputKernel);
  replace(tf, tf.Tile, broadcastTileKernel);
  replace(tf, tf.BatchMatMul, explicitTransposeMatMulKernel);
}

/** Puts a faster kernel in place of the package's own, which it falls back to; once per process. */
function replace(tf: Tf, kernelName: string, faster: (tf: Tf, original: tfjs.KernelConfig) => tfjs.KernelConfig): void {
  const original = tf.getKernel(kernelName, "wasm");
  if (!original || replaced.has(original)) return;
  const config = faster(tf, original);
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel(config);
  replaced.add(config);
}

/** Kernels this module put in place of the package's own. */
const replaced = new WeakSet<object>();
