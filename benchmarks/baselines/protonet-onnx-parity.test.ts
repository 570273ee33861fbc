import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Frame } from "@/evaluator/protocol/framing";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import type { SandboxSession } from "@/evaluator/sandbox";
import { fewshotTrack } from "@/evaluator/tracks/fewshot";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";
import { exportProtonetOnnx, ONNX_BUNDLE, TFJS_BUNDLE } from "./protonet-conv4/export-onnx";

const spec = smallSpec(10);

/**
 * The float32 noise floor of this pipeline: the logits are −(‖q‖² − 2q·p + ‖p‖²) over 64-d embeddings with large
 * norms, so a last-bit difference in an embedding moves a probability by ~1e-5. TF.js's own backends (cpu and wasm,
 * same weights, same graph) differ by about 2e-5 here; ONNX Runtime must stay within that and within 1e-4 (the
 * cross-backend tolerance of backend-equivalence.test.ts).
 */
const TOLERANCE = 1e-4;

function committed(dir: string) {
  return {
    dir,
    manifest: manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, "heldout.json"), "utf8"))),
    remove: async () => {},
  };
}

/** The glyph episodes of the public partition through the real driver and sandbox: rows and every probability sent. */
async function score(dir: string, backend: "cpu" | "wasm" = "cpu") {
  const sent: Float32Array[] = [];
  const run = await runUnitInSandbox(committed(dir), spec, {
    backend,
    wrap: (session: SandboxSession) => async (header, tensors, options) => {
      const reply: Frame = await session.request(header, tensors, options);
      if (reply.tensors.probabilities) sent.push(Float32Array.from(reply.tensors.probabilities.data as Float32Array));
      return reply;
    },
  });
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  return { rows: run.rows!, sent };
}

test("the committed ONNX ProtoNet is exactly what export-onnx.ts makes of the committed TF.js weights", async () => {
  const { model, manifest } = await exportProtonetOnnx();
  assert.ok(
    Buffer.from(model).equals(readFileSync(path.join(ONNX_BUNDLE, "model.onnx"))),
    "run npm run export:protonet-onnx",
  );
  assert.deepEqual(JSON.parse(readFileSync(path.join(ONNX_BUNDLE, "heldout.json"), "utf8")), manifest);
});

function largestDifference(a: Float32Array[], b: Float32Array[]): number {
  assert.equal(a.length, b.length);
  let largest = 0;
  a.forEach((episode, e) => {
    assert.equal(episode.length, b[e]!.length);
    episode.forEach((p, i) => (largest = Math.max(largest, Math.abs(p - b[e]![i]!))));
  });
  return largest;
}

test("ProtoNet Conv-4 on ONNX Runtime gives its TF.js twin's probabilities, as close as TF.js's own backends agree, and its accuracy", async () => {
  const tfjs = await score(TFJS_BUNDLE);
  const tfjsWasm = await score(TFJS_BUNDLE, "wasm");
  const onnx = await score(ONNX_BUNDLE);
  assert.equal(onnx.sent.length, spec.partitions.public.episodes);
  const onnxVsTfjs = largestDifference(onnx.sent, tfjs.sent);
  const wasmVsCpu = largestDifference(tfjsWasm.sent, tfjs.sent);
  console.log(
    `largest |Δp|: ONNX Runtime vs TF.js cpu ${onnxVsTfjs.toExponential(2)}; TF.js wasm vs cpu ${wasmVsCpu.toExponential(2)}`,
  );
  assert.ok(
    onnxVsTfjs <= Math.max(wasmVsCpu, 1e-5) && onnxVsTfjs <= TOLERANCE,
    `ONNX vs TF.js ${onnxVsTfjs}; TF.js wasm vs cpu ${wasmVsCpu}`,
  );
  assert.deepEqual(
    onnx.rows.map((r) => r.metrics.accuracy),
    tfjs.rows.map((r) => r.metrics.accuracy),
  );
  const accuracy = fewshotTrack.aggregate(spec, onnx.rows).find((a) => a.metric === "accuracy")!;
  assert.ok(accuracy.value > 0.9, `accuracy ${accuracy.value}`);
});
