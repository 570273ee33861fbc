import path from "node:path";
import type * as tfjs from "@tensorflow/tfjs";

/**
 * A layers model in TF.js's own file format, as bundle files: `<dir>/model.json` and its weights in one file beside
 * it, `<dir>/weights.bin` unless `weightsFile` names it (path → content). TF.js comes in as an argument, so only
 * callers that save a model load it. The model is left to the caller to dispose.
 */
export async function layersModelFiles(
  tf: typeof tfjs,
  model: tfjs.LayersModel,
  { dir = "model", weightsFile = "weights.bin" }: { dir?: string; weightsFile?: string } = {},
): Promise<Record<string, string | Uint8Array>> {
  let files: Record<string, string | Uint8Array> | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs }],
      };
      files = {
        [path.posix.join(dir, "model.json")]: JSON.stringify(modelJson),
        [path.posix.join(dir, weightsFile)]: weights,
      };
      return {
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weights.byteLength },
      };
    }),
  );
  return files!;
}
