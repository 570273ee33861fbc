import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";
import { layersModelFiles } from "@/evaluator/bundle/layers-model-files";

/** Writes model.json with its weights in one weights.bin beside it. */
export async function saveLayersModel(tf: typeof tfjs, model: tfjs.LayersModel, dir: string) {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(await layersModelFiles(tf, model, { dir: "." })))
    writeFileSync(path.join(dir, name), content);
}
