import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { denseGraph } from "../../bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "../../bundle/onnx/onnx-writer";
import { tinyEmbeddingModel } from "@/testing/models/tiny-models";
import { runAtariUnit } from "./driver";
import { atariSpecSchema } from "./definition/spec";
import { launchRlSandbox, rlBundle, type RlTestBundle } from "@/testing/tracks/atari";

// ONNX policies (the platform's NHWC and PyTorch's NCHW) built from a TF.js model's weights: they play the real ALE,
// and every action is the TF.js model's argmax on the same stacked frames.

const { model } = await tinyEmbeddingModel([84, 84, 4]);
const [k1, b1, k2, b2] = model.getWeights().map((w) => w.dataSync() as Float32Array);
const layers = [
  { kernel: k1!, inputs: 84 * 84 * 4, units: 8, bias: b1!, activation: "relu" as const },
  { kernel: k2!, inputs: 8, units: 4, bias: b2! },
];

async function onnxPolicy(layout: "nhwc" | "nchw"): Promise<RlTestBundle> {
  const onnx = writeOnnxModel(denseGraph({ shape: [84, 84, 4], layout, layers, batch: 1 }));
  return rlBundle(
    { name: `onnx-policy-${layout}`, track: "atari", kind: "policy", model: "policy.onnx", layout },
    { "policy.onnx": onnx },
  );
}

const bundles = { nhwc: await onnxPolicy("nhwc"), nchw: await onnxPolicy("nchw") };
after(() => Promise.all(Object.values(bundles).map((b) => b.remove())));

test("an ONNX policy bundle plays evaluation episodes on the real ALE", async () => {
  const spec = atariSpecSchema.parse({
    track: "atari",
    games: ["Breakout"],
    partitions: { public: { seeds: [0] }, private: { seeds: [] } },
    evalEpisodes: 1,
    kinds: ["policy"],
  });
  const session = await launchRlSandbox(bundles.nhwc);
  try {
    const rows = await runAtariUnit({
      spec,
      unit: { key: "Breakout/0", partition: "public" },
      manifest: bundles.nhwc.manifest,
      session,
      onProgress() {},
      signal: new AbortController().signal,
    });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.task, "Breakout");
    assert.ok(rows[0]!.metrics.steps! > 0);
  } finally {
    await session.close();
  }
});

for (const layout of ["nhwc", "nchw"] as const) {
  test(`an ONNX policy (${layout}) acts by the argmax its TF.js twin gives on the same stacked frames`, async () => {
    const session = await launchRlSandbox(bundles[layout]);
    try {
      const task = {
        track: "atari",
        game: "Test",
        actions: 4,
        actionMeanings: [],
        observationShape: [84, 84, 4],
        learningSteps: 0,
        seed: 0,
      };
      await session.request({ type: "init", manifest: bundles[layout].manifest, task });
      const frames: Uint8Array[] = [];
      const actions = new Set<number>();
      for (let k = 0; k < 8; k++) {
        const frame = Uint8Array.from({ length: 84 * 84 }, (_, i) => (i * (k + 3) * 7 + k * 31) % 256);
        const start = k === 0;
        if (start) frames.push(frame, frame, frame, frame);
        else frames.push(frame);
        const reply = await session.request(
          { type: "act", episodeStart: start },
          { frame: { dtype: "uint8", shape: [84, 84], data: frame } },
        );
        // Slot f of the stack is the frame 3 − f steps back: the newest is last.
        const stack = frames.slice(-4);
        const stacked = tf.tensor(
          Float32Array.from({ length: 84 * 84 * 4 }, (_, i) => stack[i % 4]![i >> 2]!),
          [1, 84, 84, 4],
        );
        const expected = (model.predict(stacked) as tf.Tensor).argMax(1).dataSync()[0]!;
        assert.equal(reply.header.action, expected, `step ${k}`);
        actions.add(expected);
      }
      assert.ok(actions.size > 1, "the frames lead to different actions, so a layout mix-up would show");
    } finally {
      await session.close();
    }
  });
}
