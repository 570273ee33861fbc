import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";

/** Writes model.json with its weights in one weights.bin beside it. */
export async function saveLayersModel(tf: typeof tfjs, model: tfjs.LayersModel, dir: string) {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = Buffer.from(artifacts.weightData as ArrayBuffer);
      writeFileSync(path.join(dir, "weights.bin"), weights);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }],
      };
      writeFileSync(path.join(dir, "model.json"), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weights.length } };
    }),
  );
}
