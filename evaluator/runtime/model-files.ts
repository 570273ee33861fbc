import { readFile } from "node:fs/promises";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";

type Tf = typeof tfjs;

/**
 * A TF.js IO handler that reads model.json and its weight shards from the bundle directory.
 * Shard paths are resolved next to model.json and must stay inside the bundle.
 */
export function bundleModelHandler(tf: Tf, bundleDir: string, modelPath: string): tfjs.io.IOHandler {
  const modelFile = path.resolve(bundleDir, modelPath);
  return {
    load: async () => {
      const modelJSON = JSON.parse(await readFile(inside(bundleDir, modelFile), "utf8")) as tfjs.io.ModelJSON;
      if (!modelJSON.modelTopology) throw new Error(`${modelPath} has no modelTopology: not a TF.js model`);
      return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
        const specs: tfjs.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const shard of group.paths) {
            const bytes = await readFile(inside(bundleDir, path.resolve(path.dirname(modelFile), shard)));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
          specs.push(...group.weights);
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

/** Whether model.json describes a graph model (converted SavedModel) rather than a layers model. */
export async function isGraphModel(bundleDir: string, modelPath: string): Promise<boolean> {
  const json = JSON.parse(await readFile(path.resolve(bundleDir, modelPath), "utf8")) as {
    format?: string;
    modelTopology?: { node?: unknown };
  };
  return json.format === "graph-model" || Array.isArray(json.modelTopology?.node);
}

function inside(bundleDir: string, file: string): string {
  const relative = path.relative(bundleDir, file);
  if (relative.startsWith("..") || path.isAbsolute(relative))
    throw new Error(`model file ${file} lies outside the bundle`);
  return file;
}
