import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { SANDBOX_PATHS } from "./command";
import { packageClosure, type PackageBinds } from "./node-modules";

const NATIVE_NAMES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"];

export type NativeBinds = {
  packages: PackageBinds;
  /** Where the runtime finds the package inside the sandbox (its --tfjs-node argument). */
  sandboxPath: string;
  /** Absolute targets of the package's shared-library symlinks, bound at the same path. */
  libraries: string[];
  gpu: boolean;
};

/**
 * What a built tfjs-node(-gpu) package needs inside the sandbox. `location` is the package directory or a
 * directory whose node_modules/@tensorflow holds one. Its dependencies (including its own @tensorflow/tfjs)
 * come from the node_modules it was installed into, so the bundle's `@tensorflow/tfjs` is the very instance
 * the native backend registered itself with.
 */
export function nativeBinds(location: string): NativeBinds {
  const candidates = [location, ...NATIVE_NAMES.map((name) => path.join(location, "node_modules", name))];
  for (const dir of candidates) {
    const manifest = path.join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
    if (!name || !NATIVE_NAMES.includes(name)) continue;
    const nodeModulesDir = path.resolve(dir, "..", "..");
    if (path.basename(nodeModulesDir) !== "node_modules") {
      throw new Error(`${dir} must be installed inside a node_modules folder (found ${nodeModulesDir})`);
    }
    return {
      packages: packageClosure(nodeModulesDir, [name]),
      sandboxPath: path.posix.join(SANDBOX_PATHS.nodeModules, name),
      libraries: externalLibraries(dir),
      gpu: name.endsWith("-gpu"),
    };
  }
  throw new Error(`no @tensorflow/tfjs-node or tfjs-node-gpu package at ${location}`);
}

/** Symlinks in deps/lib that point outside the package (e.g. into an unpacked wheel) must be bound too. */
function externalLibraries(packageDir: string): string[] {
  const libDir = path.join(packageDir, "deps", "lib");
  if (!existsSync(libDir)) return [];
  const targets = new Set<string>();
  for (const entry of readdirSync(libDir)) {
    const file = path.join(libDir, entry);
    if (!lstatSync(file).isSymbolicLink()) continue;
    const target = path.resolve(libDir, readlinkSync(file));
    if (!target.startsWith(packageDir + path.sep)) targets.add(target);
  }
  return [...targets];
}

/** NVIDIA device nodes present on the host. */
export function gpuDevices(): string[] {
  if (!existsSync("/dev")) return [];
  return readdirSync("/dev")
    .filter((name) => /^nvidia(\d+|ctl|-uvm|-uvm-tools|-modeset)$/.test(name))
    .map((name) => path.join("/dev", name));
}
