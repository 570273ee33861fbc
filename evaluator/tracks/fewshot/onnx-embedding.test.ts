import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Frame } from "@/evaluator/protocol/framing";
import { denseGraph, type DenseLayer } from "@/evaluator/bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "@/evaluator/bundle/onnx/onnx-writer";
import type { SandboxSession } from "@/evaluator/sandbox";
import { writeBundle, type TestBundle } from "@/testing/sandbox/harness";
import { tinyEmbeddingModel } from "@/testing/models/tiny-models";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

// An ONNX embedding and its TF.js twin (the same weights) scored by the real driver through real sandboxes on the
// same glyph episodes: every probability must agree. The NCHW and fixed-batch variants must agree too, which only
// holds when the runtime transposes and pads correctly.

const spec = smallSpec(3);
const imageShape: [number, number, number] = [28, 28, 1];
let tfjsBundle: TestBundle;
let layers: DenseLayer[];
const bundles: TestBundle[] = [];

before(async () => {
  const twin = await tinyEmbeddingModel(imageShape);
  tfjsBundle = await writeBundle(
    { name: "tfjs-twin", track: "fewshot", kind: "embedding", model: "model/model.json" },
    twin.files,
  );
  bundles.push(tfjsBundle);
  const [k1, b1, k2, b2] = twin.model.getWeights().map((w) => w.dataSync() as Float32Array);
  layers = [
    { kernel: k1!, inputs: 784, units: 8, bias: b1!, activation: "relu" },
    { kernel: k2!, inputs: 8, units: 4, bias: b2! },
  ];
});

after(async () => {
  for (const b of bundles) await b.remove();
});

async function onnxBundle(options: { layout?: "nhwc" | "nchw"; batch?: number } = {}): Promise<TestBundle> {
  const model = writeOnnxModel(denseGraph({ shape: imageShape, layout: options.layout, layers, batch: options.batch }));
  const manifest = {
    name: "onnx-embedding",
    track: "fewshot",
    kind: "embedding",
    model: "model.onnx",
    ...(options.layout ? { layout: options.layout } : {}),
  };
  const bundle = await writeBundle(manifest, { "model.onnx": model });
  bundles.push(bundle);
  return bundle;
}

/** Scores the bundle's public partition; returns its rows and every probability the sandbox sent. */
async function score(bundle: TestBundle) {
  const sent: Float32Array[] = [];
  const run = await runUnitInSandbox(bundle, spec, {
    wrap: (session: SandboxSession) => async (header, tensors, options) => {
      const reply: Frame = await session.request(header, tensors, options);
      if (reply.tensors.probabilities) sent.push(Float32Array.from(reply.tensors.probabilities.data as Float32Array));
      return reply;
    },
  });
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  return { rows: run.rows!, sent };
}

function assertClose(actual: Float32Array[], expected: Float32Array[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((episode, e) => {
    assert.equal(episode.length, expected[e]!.length);
    episode.forEach((p, i) =>
      assert.ok(Math.abs(p - expected[e]![i]!) <= 1e-5, `episode ${e}, value ${i}: ${p} vs ${expected[e]![i]}`),
    );
  });
}

test("an ONNX embedding is scored through the driver and sandbox exactly like its TF.js twin (NHWC, NCHW, fixed batch)", async () => {
  const reference = await score(tfjsBundle);
  assert.equal(reference.sent.length, spec.partitions.public.episodes);
  for (const options of [{}, { layout: "nchw" as const }, { batch: 16 }]) {
    const onnx = await score(await onnxBundle(options));
    assertClose(onnx.sent, reference.sent);
    onnx.rows.forEach((row, r) => {
      const want = reference.rows[r]!.metrics;
      assert.deepEqual(Object.keys(row.metrics), Object.keys(want));
      for (const [metric, value] of Object.entries(row.metrics)) {
        assert.ok(
          Math.abs(value - want[metric]!) <= 1e-5 * Math.max(1, Math.abs(want[metric]!)),
          `row ${r} ${metric}: ${value} vs ${want[metric]}`,
        );
      }
    });
  }
});
