import { test } from "node:test";
import { layersModelFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";

function tgz(files: Record<string, string | Buffer>): Buffer {
  return rawTarGz(Object.entries(files).map(([path, body]) => ({ path, body })));
}

function withModel(model: unknown, extra: Record<string, string | Buffer> = {}): Buffer {
  const files = layersModelFiles();
  return tgz({ ...files, "model/model.json": JSON.stringify(model), ...extra });
}

const model = JSON.parse(layersModelFiles()["model/model.json"]!.toString()) as {
  format: string;
  modelTopology: Record<string, unknown>;
  weightsManifest: {
    paths: string[];
    weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
  }[];
};

test("an embedding whose model.json is missing is refused", async () => {
  const { "model/model.json": _omit, ...rest } = layersModelFiles();
  await expectRejected(tgz(rest), {
    code: "bundle_model_missing",
    message: /^heldout\.json: model: 'model\/model\.json' is not in the bundle\.$/,
  });
});

test("a model.json that is not JSON is refused", async () => {
  await expectRejected(tgz({ ...layersModelFiles(), "model/model.json": "{ nope" }), {
    code: "bundle_model_invalid",
    message: /^model\/model\.json: not valid JSON/,
  });
});

test("a model.json without weightsManifest is refused, naming the field", async () => {
  await expectRejected(withModel({ modelTopology: model.modelTopology }), {
    code: "bundle_model_invalid",
    message: /model\/model\.json: weightsManifest: missing \(expected array\)/,
  });
});

test("a modelTopology that is neither layers nor graph is refused", async () => {
  await expectRejected(withModel({ modelTopology: { hello: 1 }, weightsManifest: model.weightsManifest }), {
    code: "bundle_model_invalid",
    message: /neither a TF\.js layers model nor a graph model/,
  });
});

test("a weight file listed in the manifest but absent is refused", async () => {
  const { "model/group1-shard1of1.bin": _omit, ...rest } = layersModelFiles();
  await expectRejected(tgz(rest), {
    code: "bundle_weights_missing",
    message: /weight file 'model\/group1-shard1of1\.bin' is listed in weightsManifest\[0\] but is not in the bundle/,
  });
});

test("weights one float short are refused with both sizes", async () => {
  await expectRejected(tgz(layersModelFiles({ weightBytes: 36 })), {
    code: "bundle_weights_size",
    message:
      /weightsManifest\[0\] describes 40 bytes of weights \(2 tensors\), but 'group1-shard1of1\.bin' holds 36 bytes/,
  });
});

test("a weights path that climbs out of the bundle is refused", async () => {
  const hostile = { ...model, weightsManifest: [{ ...model.weightsManifest[0]!, paths: ["../../etc/passwd"] }] };
  await expectRejected(withModel(hostile), {
    code: "bundle_weights_outside",
    message: /'\.\.\/\.\.\/etc\/passwd' points outside the bundle/,
  });
});

test("a weights path that is a URL is refused", async () => {
  const hostile = {
    ...model,
    weightsManifest: [{ ...model.weightsManifest[0]!, paths: ["https://example.com/w.bin"] }],
  };
  await expectRejected(withModel(hostile), { code: "bundle_weights_outside", message: /points outside the bundle/ });
});

test("quantized weights are sized by their quantized dtype", async () => {
  const quantized = {
    ...model,
    weightsManifest: [
      {
        paths: ["group1-shard1of1.bin"],
        weights: model.weightsManifest[0]!.weights.map((w) => ({
          ...w,
          quantization: { dtype: "uint8", min: -1, scale: 0.01 },
        })),
      },
    ],
  };
  // 10 elements × 1 byte, not 40: the float-sized file no longer matches.
  await expectRejected(withModel(quantized), { code: "bundle_weights_size", message: /describes 10 bytes of weights/ });
});

test("string weights are refused in an embedding model", async () => {
  const strings = {
    ...model,
    weightsManifest: [{ paths: ["group1-shard1of1.bin"], weights: [{ name: "vocab", shape: [2], dtype: "string" }] }],
  };
  await expectRejected(withModel(strings), {
    code: "bundle_model_invalid",
    message: /weight 'vocab' has dtype 'string'/,
  });
});
