import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import type { WireTensors } from "../protocol/framing";
import { denseGraph } from "../bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "../bundle/onnx/onnx-writer";
import { COSINE_SCALE } from "../runtime/embedding";
import { launchSandbox } from "./launch";
import { fewshotTask, TEST_LIMITS, writeBundle, type TestBundle } from "@/testing/sandbox/harness";
import { tinyEmbeddingModel, tinyGraphModel } from "@/testing/models/tiny-models";

// Three channels: a layout mix-up (NHWC read as NCHW) changes every embedding.
const task = fewshotTask(3, 2, 4, [5, 5, 3]);
const [h, w, c] = task.imageShape;

function seededImages(count: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from(
    { length: count * h * w * c },
    () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31,
  );
}

type Embed = (images: Float32Array, n: number) => number[][];

/** The expected probabilities, computed here in float64 from the same model's embeddings. */
function expectedProbabilities(
  embed: Embed,
  support: Float32Array,
  labels: number[],
  query: Float32Array,
  distance: string,
): number[][] {
  const s = embed(support, labels.length);
  const q = embed(query, query.length / (h * w * c));
  const prototypes = Array.from({ length: task.ways }, (_, k) => {
    const members = s.filter((_, i) => labels[i] === k);
    return members[0]!.map((_, d) => members.reduce((sum, m) => sum + m[d]!, 0) / members.length);
  });
  const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return q.map((query) => {
    const logits = prototypes.map((p) =>
      distance === "euclidean"
        ? -p.reduce((sum, x, d) => sum + (query[d]! - x) ** 2, 0)
        : (COSINE_SCALE * p.reduce((sum, x, d) => sum + x * query[d]!, 0)) / (norm(p) * norm(query)),
    );
    const top = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  });
}

/** Runs three episodes through a sandbox on `bundle` and compares every probability with the reference. */
async function assertMatchesReference(bundle: TestBundle, embed: Embed, distance: string): Promise<void> {
  const session = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "wasm" });
  assert.equal(session.hello.backend, "wasm");
  assert.equal((await session.request({ type: "init", manifest: bundle.manifest, task })).header.type, "ready");
  for (let index = 0; index < 3; index++) {
    const labels = Array.from({ length: task.ways * task.shots }, (_, i) => (i + index) % task.ways);
    const support = seededImages(labels.length, 10 + index);
    const query = seededImages(task.ways * task.queries, 20 + index);
    const tensors: WireTensors = {
      supportImages: { dtype: "float32", shape: [labels.length, h, w, c], data: support },
      supportLabels: { dtype: "int32", shape: [labels.length], data: Int32Array.from(labels) },
      queryImages: { dtype: "float32", shape: [task.ways * task.queries, h, w, c], data: query },
    };
    const reply = await session.request({ type: "episode", index, ways: task.ways }, tensors);
    const probabilities = reply.tensors.probabilities!;
    assert.deepEqual(probabilities.shape, [task.ways * task.queries, task.ways]);
    expectedProbabilities(embed, support, labels, query, distance).forEach((row, q) =>
      row.forEach((p, k) => {
        const got = probabilities.data[q * task.ways + k]!;
        assert.ok(Math.abs(got - p) < 1e-4, `episode ${index} [${q},${k}]: ${got} vs ${p}`);
      }),
    );
  }
  assert.equal((await session.close()).failure, undefined);
}

let files: Record<string, string | Uint8Array>;
let model: tf.LayersModel;
const bundles: TestBundle[] = [];
before(async () => {
  await tf.setBackend("cpu");
  ({ files, model } = await tinyEmbeddingModel(task.imageShape));
});
after(() => Promise.all(bundles.map((b) => b.remove())));

for (const distance of ["euclidean", "cosine"] as const) {
  test(`a layers-model embedding bundle (${distance}) scores queries by nearest prototype, matching a float64 reference`, async () => {
    const bundle = await writeBundle(
      { name: "tiny-embedding", track: "fewshot", kind: "embedding", model: "model/model.json", options: { distance } },
      files,
    );
    bundles.push(bundle);
    const embed: Embed = (images, n) => (model.predict(tf.tensor4d(images, [n, h, w, c])) as tf.Tensor2D).arraySync();
    await assertMatchesReference(bundle, embed, distance);
  });
}

test("a graph-model embedding bundle (converter format) is loaded and scored the same way", async () => {
  const graph = tinyGraphModel(task.imageShape);
  const bundle = await writeBundle(
    { name: "tiny-graph", track: "fewshot", kind: "embedding", model: "graph/model.json" },
    graph.files,
  );
  bundles.push(bundle);
  const dims = graph.weights.length / (h * w * c);
  const embed: Embed = (images, n) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: dims }, (_, d) => {
        let sum = 0;
        for (let j = 0; j < h * w * c; j++) sum += images[i * h * w * c + j]! * graph.weights[j * dims + d]!;
        return sum;
      }),
    );
  await assertMatchesReference(bundle, embed, "euclidean");
});

test("an embedding bundle whose weights are missing fails at init with the file it could not read", async () => {
  const bundle = await writeBundle(
    { name: "broken-embedding", track: "fewshot", kind: "embedding", model: "model/model.json" },
    { "model/model.json": files["model/model.json"]! },
  );
  bundles.push(bundle);
  const session = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "cpu" });
  await assert.rejects(session.request({ type: "init", manifest: bundle.manifest, task }), {
    name: "UserCodeError",
    reason: "exception",
    message: /ENOENT.*group1-shard1of1\.bin/,
  });
  await session.close();
});

for (const variant of [
  { layout: "nhwc" as const },
  { layout: "nchw" as const },
  { layout: "nhwc" as const, batch: 4 },
]) {
  const name = `${variant.layout}${variant.batch ? `, batch fixed at ${variant.batch}` : ""}`;
  test(`an ONNX embedding bundle (${name}) runs on ONNX Runtime and matches a float64 reference of the same weights`, async () => {
    const [k1, b1, k2, b2] = model.getWeights().map((t) => t.dataSync() as Float32Array);
    const layers = [
      { kernel: k1!, inputs: h * w * c, units: 8, bias: b1!, activation: "relu" as const },
      { kernel: k2!, inputs: 8, units: 4, bias: b2! },
    ];
    const onnx = writeOnnxModel(
      denseGraph({ shape: task.imageShape, layout: variant.layout, layers, batch: variant.batch }),
    );
    const bundle = await writeBundle(
      { name: "onnx-embedding", track: "fewshot", kind: "embedding", model: "model.onnx", layout: variant.layout },
      { "model.onnx": onnx },
    );
    bundles.push(bundle);
    const embed: Embed = (images, n) => (model.predict(tf.tensor4d(images, [n, h, w, c])) as tf.Tensor2D).arraySync();
    await assertMatchesReference(bundle, embed, "euclidean");
  });
}

test("an ONNX embedding whose input does not take the benchmark's images fails at init, saying both shapes", async () => {
  const layers = [{ kernel: new Float32Array(25 * 4), inputs: 25, units: 4, bias: new Float32Array(4) }];
  const onnx = writeOnnxModel(denseGraph({ shape: [5, 5, 1], layers }));
  const bundle = await writeBundle(
    { name: "onnx-gray", track: "fewshot", kind: "embedding", model: "model.onnx" },
    { "model.onnx": onnx },
  );
  bundles.push(bundle);
  const session = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "cpu" });
  await assert.rejects(session.request({ type: "init", manifest: bundle.manifest, task }), {
    name: "UserCodeError",
    reason: "exception",
    message: /the ONNX model's input is \[batch, 5, 5, 1\]; this benchmark sends images \[batch, 5, 5, 3\]/,
  });
  await session.close();
});

test("an ONNX model that passes the checker but that ONNX Runtime cannot load fails at init with the engine's reason", async () => {
  // A kernel of 10 rows for a 75-value input: the checker does not multiply shapes, ONNX Runtime's graph check does.
  const layers = [{ kernel: new Float32Array(10 * 4), inputs: 10, units: 4, bias: new Float32Array(4) }];
  const onnx = writeOnnxModel(denseGraph({ shape: task.imageShape, layers }));
  const bundle = await writeBundle(
    { name: "onnx-broken", track: "fewshot", kind: "embedding", model: "model.onnx" },
    { "model.onnx": onnx },
  );
  bundles.push(bundle);
  const session = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "cpu" });
  await assert.rejects(session.request({ type: "init", manifest: bundle.manifest, task }), {
    name: "UserCodeError",
    reason: "exception",
    message: /MatMul/,
  });
  await session.close();
});
