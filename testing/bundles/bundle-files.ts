/** Minimal valid bundle contents, as path → content, for tests. */

export function learnerFiles(manifest: Record<string, unknown> = {}): Record<string, string> {
  return {
    "heldout.json": JSON.stringify({
      name: "uniform",
      track: "fewshot",
      kind: "learner",
      entry: "learner.mjs",
      ...manifest,
    }),
    "learner.mjs": "export default () => ({ adapt() {}, predict(q) { return q.map(() => [0.5, 0.5]); } });\n",
  };
}

/**
 * A dense 4 → 2 layers model: kernel float32[4,2] (32 bytes) + bias float32[2] (8 bytes) in one weights file.
 * `weightBytes` overrides the weights file's length.
 */
export function layersModelFiles(
  options: { weightBytes?: number; manifest?: Record<string, unknown> } = {},
): Record<string, string | Buffer> {
  const model = {
    format: "layers-model",
    modelTopology: {
      class_name: "Sequential",
      config: { name: "tiny", layers: [{ class_name: "Dense", config: { units: 2, batch_input_shape: [null, 4] } }] },
    },
    weightsManifest: [
      {
        paths: ["group1-shard1of1.bin"],
        weights: [
          { name: "dense/kernel", shape: [4, 2], dtype: "float32" },
          { name: "dense/bias", shape: [2], dtype: "float32" },
        ],
      },
    ],
  };
  return {
    "heldout.json": JSON.stringify({
      name: "tiny-embedding",
      track: "fewshot",
      kind: "embedding",
      model: "model/model.json",
      ...options.manifest,
    }),
    "model/model.json": JSON.stringify(model),
    "model/group1-shard1of1.bin": Buffer.alloc(options.weightBytes ?? 40),
  };
}
