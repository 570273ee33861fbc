/**
 * Builds the sandboxed runtime into one ES module (dist/runtime.mjs) with esbuild. Host-side only: the
 * sandbox launcher calls ensureRuntimeBuilt() so a clean checkout works without a separate build step.
 * @tensorflow/* and onnxruntime-node stay external: inside the sandbox they resolve from the read-only
 * /node_modules binds.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const runtimeDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(runtimeDir, "../..");
export const RUNTIME_DIST_DIR = path.join(runtimeDir, "dist");
export const RUNTIME_ENTRY = path.join(RUNTIME_DIST_DIR, "runtime.mjs");
const META_FILE = path.join(RUNTIME_DIST_DIR, "runtime.inputs.json");

/** Builds unconditionally; returns the bundle's path. Writes via rename, so concurrent builders never expose half a file. */
export async function buildRuntime(): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(runtimeDir, "main.mts")],
    absWorkingDir: repoRoot,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["@tensorflow/*", "onnxruntime-node"],
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
  });
  const code = result.outputFiles[0]!.contents;
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(repoRoot, input));
  await mkdir(RUNTIME_DIST_DIR, { recursive: true });
  await writeAtomically(RUNTIME_ENTRY, code);
  await writeAtomically(META_FILE, JSON.stringify({ inputs }, null, 2));
  return RUNTIME_ENTRY;
}

/** True when the bundle is missing or any source it was built from changed since. */
export async function isRuntimeStale(): Promise<boolean> {
  try {
    const built = (await stat(RUNTIME_ENTRY)).mtimeMs;
    const { inputs } = JSON.parse(await readFile(META_FILE, "utf8")) as { inputs: string[] };
    for (const input of inputs) {
      if ((await stat(input)).mtimeMs > built) return true;
    }
    return false;
  } catch {
    return true;
  }
}

let pending: Promise<string> | undefined;

/** The runtime bundle's path, (re)built first when stale. Checked once per process. */
export function ensureRuntimeBuilt(): Promise<string> {
  pending ??= (async () => ((await isRuntimeStale()) ? buildRuntime() : RUNTIME_ENTRY))().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function writeAtomically(file: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}
