import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as tfjs from "@tensorflow/tfjs";

export type NativeKind = "tensorflow" | "tensorflow-gpu";
/**
 * A built package: `path` is its directory (pass it as `tfjsNodePath`),
 * `libDir` holds the TensorFlow (and, for the GPU build, CUDA) libraries.
 */
export type NativeTfjs = { path: string; kind: NativeKind; libDir: string };

const packageNames: Record<string, NativeKind> = {
  "@tensorflow/tfjs-node-gpu": "tensorflow-gpu",
  "@tensorflow/tfjs-node": "tensorflow",
};

/** Where scripts/setup-native.sh builds the native packages. */
export function defaultNativeRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../.native");
}

/**
 * The built native TF.js package (GPU build preferred), or undefined when
 * none was built. `root` defaults to the repository's .native/ folder.
 */
export function findNativeTfjs(options: { root?: string } = {}): NativeTfjs | undefined {
  const root = options.root ?? defaultNativeRoot();
  return firstBuilt([
    path.join(root, "tfjs-node-gpu", "node_modules", "@tensorflow", "tfjs-node-gpu"),
    path.join(root, "tfjs-node", "node_modules", "@tensorflow", "tfjs-node"),
  ]);
}

/**
 * Loads a built tfjs-node(-gpu) package, which registers the "tensorflow"
 * backend. `location` is the package directory or a directory whose
 * node_modules/@tensorflow holds one.
 */
export function loadNativeTfjs(location: string | undefined): typeof tfjs {
  if (!location) throw new Error("no native TensorFlow package was given (build one with scripts/setup-native.sh)");
  const found = firstBuilt([
    location,
    path.join(location, "node_modules", "@tensorflow", "tfjs-node-gpu"),
    path.join(location, "node_modules", "@tensorflow", "tfjs-node"),
  ]);
  if (!found) {
    throw new Error(`no built @tensorflow/tfjs-node or tfjs-node-gpu package (with its addon) at ${location}`);
  }
  return createRequire(path.join(found.path, "package.json"))(found.path) as typeof tfjs;
}

function firstBuilt(candidates: string[]): NativeTfjs | undefined {
  for (const dir of candidates) {
    const manifest = path.join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const kind = packageNames[(JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ?? ""];
    if (kind && existsSync(path.join(dir, "lib", "napi-v8", "tfjs_binding.node"))) {
      return { path: dir, kind, libDir: path.join(dir, "deps", "lib") };
    }
  }
  return undefined;
}
