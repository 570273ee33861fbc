import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { launchSandbox } from "@/evaluator/sandbox";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import type { TestBackend } from "@/testing/backends/test-backend";
import type { ResultRow } from "../types";
import { runFewshotUnit } from "./driver";
import { smallSpec } from "@/testing/tracks/fewshot";

/**
 * Largest allowed |p_tensorflow − p_wasm| for any query probability. Both run the same float32 graph; they differ
 * only in summation order and kernels (oneDNN vs XNNPACK), which moves softmax outputs by ~1e-6 here.
 */
const PROBABILITY_TOLERANCE = 1e-4;

const baselines = path.resolve(import.meta.dirname, "../../../benchmarks/baselines/protonet-conv4");
/** The ProtoNet bundle, whether it sits in the baseline's folder or in its bundle/ subfolder. */
const bundleDir = [path.join(baselines, "bundle"), baselines].find((dir) => existsSync(path.join(dir, "heldout.json")));
const native = findNativeTfjs();

type BackendRun = { backend: string; rows: ResultRow[]; probabilities: Float32Array[] };

async function evaluateOn(choice: TestBackend): Promise<BackendRun> {
  const spec = smallSpec(6);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir!, "heldout.json"), "utf8")));
  const session = await launchSandbox({ bundleDir: bundleDir!, limits: spec.limits, ...choice });
  const probabilities: Float32Array[] = [];
  try {
    const rows = await runFewshotUnit({
      spec,
      unit: { key: "public", partition: "public" },
      manifest,
      session: {
        // Keeps a copy of each episode's probabilities as they cross the boundary, before the driver scores them.
        request: async (...args: Parameters<typeof session.request>) => {
          const reply = await session.request(...args);
          const p = reply.tensors.probabilities?.data;
          if (reply.header.type === "predictions" && p instanceof Float32Array)
            probabilities.push(Float32Array.from(p));
          return reply;
        },
      },
      onProgress: () => {},
      signal: new AbortController().signal,
    });
    return { backend: session.hello.backend, rows, probabilities };
  } catch (error) {
    throw new Error(`${String(error)}\n${session.log()}`);
  } finally {
    await session.close();
  }
}

/** Queries whose two highest probabilities are closer than `margin`: the only ones whose prediction may flip. */
function nearTies(p: Float32Array, ways: number, margin: number): number {
  let count = 0;
  for (let row = 0; row < p.length / ways; row++) {
    const sorted = Array.from(p.subarray(row * ways, (row + 1) * ways)).sort((a, b) => b - a);
    if (sorted[0]! - sorted[1]! < margin) count++;
  }
  return count;
}

test(
  "the same fixed-seed ProtoNet evaluation gives the same per-episode accuracies and probabilities on tensorflow and wasm",
  { skip: !native && "the native TensorFlow addon is not built (scripts/setup-native.sh)" },
  async () => {
    assert.ok(bundleDir, `no ProtoNet bundle (heldout.json) in ${baselines} or its bundle/ folder`);
    const onNative = await evaluateOn({ backend: "tensorflow", tfjsNodePath: native!.path });
    const onWasm = await evaluateOn({ backend: "wasm" });
    assert.equal(onNative.backend, "tensorflow");
    assert.equal(onWasm.backend, "wasm");
    assert.equal(onNative.probabilities.length, 6);
    assert.equal(onWasm.probabilities.length, 6);

    const ways = smallSpec().ways;
    let largest = 0;
    for (let episode = 0; episode < 6; episode++) {
      const a = onNative.probabilities[episode]!;
      const b = onWasm.probabilities[episode]!;
      assert.equal(a.length, b.length);
      for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
      // A query's prediction can only flip where its top two probabilities are within the tolerance.
      const flips =
        Math.abs(onNative.rows[episode]!.metrics.accuracy! - onWasm.rows[episode]!.metrics.accuracy!) *
        (a.length / ways);
      assert.ok(
        flips <= nearTies(a, ways, 2 * PROBABILITY_TOLERANCE) + 1e-9,
        `episode ${episode}: accuracies differ by ${flips} queries`,
      );
      for (const metric of ["nll", "brier"]) {
        const [x, y] = [onNative.rows[episode]!.metrics[metric]!, onWasm.rows[episode]!.metrics[metric]!];
        assert.ok(Math.abs(x - y) <= 1e-3 * Math.max(1, Math.abs(x)), `episode ${episode} ${metric}: ${x} vs ${y}`);
      }
    }
    assert.ok(largest <= PROBABILITY_TOLERANCE, `largest probability difference ${largest}`);
    console.log(
      `largest |p_tensorflow − p_wasm| over ${6 * onNative.probabilities[0]!.length} probabilities: ${largest.toExponential(2)}`,
    );
  },
);
