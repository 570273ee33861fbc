/**
 * The Conv-4 embedding path on ONNX Runtime against TF.js: the ProtoNet baseline's TF.js bundle and its ONNX twin
 * (benchmarks/baselines/protonet-conv4/onnx-bundle, the same weights) scored on the same glyph episodes, in the same
 * run, rounds alternating, each through the full path: trusted driver → bubblewrap sandbox → runtime → checked
 * predictions → scores. The TF.js side runs on native TensorFlow when the addon is built (scripts/setup-native.sh),
 * else WASM, and says which; the ONNX side runs its model on ONNX Runtime's CPU engine (prototypes and softmax on the
 * same TF.js backend). Both engines use every core. Also prints the largest probability difference between them.
 * With the defaults' seeds, --episodes 200 is exactly the public partition of glyphs-5way-1shot (--shots 5:
 * glyphs-5way-5shot), so the mean accuracies printed are the two bundles' on that benchmark's public episodes.
 * Usage: npm run bench:onnx -- [--episodes N] [--rounds N] [--shots 1|5] [--backend tensorflow|wasm|cpu]
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import type { BackendName } from "@/evaluator/runtime/backend";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { fewshotUnitThroughSandbox } from "./fewshot-unit-run";

const baselines = path.resolve(import.meta.dirname, "../benchmarks/baselines/protonet-conv4");

type Run = { episodesPerSecond: number; startupMs: number; probabilities: Float32Array; accuracy: number };

async function main() {
  const { values } = parseArgs({
    options: {
      episodes: { type: "string", default: "40" },
      rounds: { type: "string", default: "3" },
      shots: { type: "string", default: "1" },
      backend: { type: "string" },
    },
  });
  const shots = Number(values.shots);
  const tfjsNodePath = findNativeTfjs()?.path;
  const backend = (values.backend ?? (tfjsNodePath ? "tensorflow" : "wasm")) as BackendName;
  const spec = fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: { source: "glyphs", version: 1 },
    ways: 5,
    shots,
    queries: 15,
    // The public seeds of the built-in glyphs-5way-1shot and glyphs-5way-5shot.
    partitions: {
      public: { episodes: Number(values.episodes), seed: shots === 5 ? 550_001 : 510_001 },
      private: { episodes: 1, seed: 1 },
    },
    kinds: ["embedding"],
    limits: { wallSeconds: 1200, memoryMb: 2048, callSeconds: 120 },
  });
  const cases = { onnx: path.join(baselines, "onnx-bundle"), tfjs: path.join(baselines, "bundle") };
  console.log(
    `ProtoNet Conv-4, glyphs 5-way ${shots}-shot, ${spec.partitions.public.episodes} episodes (15 queries per class), ${values.rounds} rounds alternating, ${os.availableParallelism()} cores`,
  );
  console.log(
    `TF.js backend: ${backend}${backend === "tensorflow" ? " (native TensorFlow)" : tfjsNodePath ? "" : " (no native addon built: scripts/setup-native.sh)"}`,
  );
  const rates = { onnx: [] as number[], tfjs: [] as number[], ratio: [] as number[] };
  const startup = { onnx: [] as number[], tfjs: [] as number[] };
  let maxDiff = 0;
  const accuracy = { onnx: 0, tfjs: 0 };
  for (let round = 0; round < Number(values.rounds); round++) {
    const onnx = await throughSandbox(spec, cases.onnx, backend, tfjsNodePath);
    const tfjs = await throughSandbox(spec, cases.tfjs, backend, tfjsNodePath);
    onnx.probabilities.forEach((p, i) => (maxDiff = Math.max(maxDiff, Math.abs(p - tfjs.probabilities[i]!))));
    rates.onnx.push(onnx.episodesPerSecond);
    rates.tfjs.push(tfjs.episodesPerSecond);
    rates.ratio.push(onnx.episodesPerSecond / tfjs.episodesPerSecond);
    startup.onnx.push(onnx.startupMs);
    startup.tfjs.push(tfjs.startupMs);
    Object.assign(accuracy, { onnx: onnx.accuracy, tfjs: tfjs.accuracy });
  }
  const spread = (v: number[]) => `${median(v).toFixed(2)} (${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)})`;
  console.log(
    `  ONNX Runtime (CPU):      ${spread(rates.onnx)} episodes/s; launch + init ${median(startup.onnx).toFixed(0)} ms`,
  );
  console.log(
    `  TF.js ${backend.padEnd(18)}${spread(rates.tfjs)} episodes/s; launch + init ${median(startup.tfjs).toFixed(0)} ms`,
  );
  console.log(`  ratio ONNX / TF.js:      ${spread(rates.ratio)}   (max |Δp| ${maxDiff.toExponential(1)})`);
  console.log(
    `  mean accuracy: ONNX Runtime ${(100 * accuracy.onnx).toFixed(2)}%, TF.js ${(100 * accuracy.tfjs).toFixed(2)}%`,
  );
}

async function throughSandbox(
  spec: FewshotSpec,
  bundleDir: string,
  backend: BackendName,
  tfjsNodePath: string | undefined,
): Promise<Run> {
  const { rows, ...run } = await fewshotUnitThroughSandbox({ spec, bundleDir, backend, tfjsNodePath });
  return { ...run, accuracy: rows.reduce((sum, r) => sum + r.metrics.accuracy!, 0) / rows.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

await main();
