/**
 * Few-shot evaluation throughput: episodes per second for the ProtoNet Conv-4 baseline on 5-way 1-shot glyph
 * episodes (15 queries per class, 28×28) through the full path — trusted driver → bubblewrap sandbox → runtime →
 * checked predictions → scores — against the same network on the same episodes computed in this process without
 * the sandbox (same backend, same scoring). The two alternate over several rounds and the medians are compared, so
 * load from other processes hits both alike.
 * Usage: npm run bench:fewshot -- [--episodes N] [--rounds R] [--backend wasm|cpu|tensorflow]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type * as tfjs from "@tensorflow/tfjs";
import { builtinBenchmarks } from "@/benchmarks/builtin";
import { prototypeLogits } from "@/benchmarks/baselines/protonet-conv4/protonet";
import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { selectBackend, type BackendName } from "@/evaluator/runtime/backend";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { launchSandbox } from "@/evaluator/sandbox";
import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { runFewshotUnit } from "@/evaluator/tracks/fewshot/driver";
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";
import { scoreEpisode } from "@/evaluator/tracks/fewshot/definition/scoring";

const bundleDir = path.resolve(import.meta.dirname, "../benchmarks/baselines/protonet-conv4/bundle");

async function main() {
  const { values } = parseArgs({
    options: {
      episodes: { type: "string", default: "50" },
      rounds: { type: "string", default: "5" },
      backend: { type: "string", default: "wasm" },
    },
  });
  const episodes = Number(values.episodes);
  const rounds = Number(values.rounds);
  const backend = values.backend as BackendName;
  const base = builtinBenchmarks.find((b) => b.slug === "glyphs-5way-1shot")!.spec as FewshotSpec;
  const spec = fewshotSpecSchema.parse({
    ...base,
    partitions: { ...base.partitions, public: { ...base.partitions.public, episodes } },
  });
  const tfjsNodePath = findNativeTfjs()?.path;

  const { tf } = await selectBackend({ prefer: backend, tfjsNodePath });
  const model = await loadModel(tf);
  const sandboxed: Awaited<ReturnType<typeof throughSandbox>>[] = [];
  const inProcess: Awaited<ReturnType<typeof withoutSandbox>>[] = [];
  for (let round = 0; round < rounds; round++) {
    sandboxed.push(await throughSandbox(spec, backend, tfjsNodePath));
    inProcess.push(await withoutSandbox(spec, tf, model));
  }
  const sandboxRate = median(sandboxed.map((r) => r.episodesPerSecond));
  const inProcessRate = median(inProcess.map((r) => r.episodesPerSecond));
  console.log(
    `ProtoNet Conv-4, 5-way 1-shot, 15 queries/class, ${episodes} episodes × ${rounds} rounds, backend ${backend} (medians)`,
  );
  console.log(
    `  sandbox start-up to hello: ${median(sandboxed.map((r) => r.startupMs)).toFixed(0)} ms; init (model load) + first episode: ${median(sandboxed.map((r) => r.initMs)).toFixed(0)} ms`,
  );
  console.log(
    `  through driver + sandbox: ${sandboxRate.toFixed(2)} episodes/s (accuracy ${(100 * sandboxed[0].accuracy).toFixed(2)}%)`,
  );
  console.log(
    `  in-process reference:     ${inProcessRate.toFixed(2)} episodes/s (accuracy ${(100 * inProcess[0].accuracy).toFixed(2)}%)`,
  );
  console.log(`  ratio sandbox / in-process: ${(sandboxRate / inProcessRate).toFixed(3)}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function throughSandbox(spec: FewshotSpec, backend: BackendName, tfjsNodePath: string | undefined) {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, "heldout.json"), "utf8")));
  const launched = performance.now();
  const session = await launchSandbox({ bundleDir, limits: spec.limits, backend, tfjsNodePath });
  const startupMs = performance.now() - launched;
  const marks: number[] = [];
  const started = performance.now();
  try {
    const rows = await runFewshotUnit({
      spec,
      unit: { key: "public", partition: "public" },
      manifest,
      session,
      onProgress: () => marks.push(performance.now()),
      signal: new AbortController().signal,
    });
    // Episodes after the first, so the model load in init is not counted as episode time.
    const episodesPerSecond = ((marks.length - 1) * 1000) / (marks.at(-1)! - marks[0]);
    const accuracy = rows.reduce((s, r) => s + r.metrics.accuracy, 0) / rows.length;
    return { startupMs, initMs: marks[0] - started, episodesPerSecond, accuracy };
  } finally {
    await session.close();
  }
}

async function withoutSandbox(spec: FewshotSpec, tf: typeof tfjs, model: tfjs.LayersModel) {
  const dataset = openFewshotDataset(spec.dataset);
  const { ways, shots, queries } = spec;
  const { seed, episodes } = spec.partitions.public;
  let accuracy = 0;
  let started = 0;
  for (let index = 0; index < episodes; index++) {
    if (index === 1) started = performance.now();
    const episode = sampleEpisode({ dataset, classes: dataset.testClasses, ways, shots, queries, seed, index });
    const probabilities = tf.tidy(() => {
      const support = model.predict(
        tf.tensor4d(episode.supportImages, [ways * shots, ...dataset.imageShape]),
      ) as tfjs.Tensor2D;
      const query = model.predict(
        tf.tensor4d(episode.queryImages, [ways * queries, ...dataset.imageShape]),
      ) as tfjs.Tensor2D;
      return tf.softmax(prototypeLogits(tf, support, query, ways));
    });
    accuracy += scoreEpisode((await probabilities.data()) as Float32Array, episode.queryLabels, ways).accuracy;
    probabilities.dispose();
  }
  const episodesPerSecond = ((episodes - 1) * 1000) / (performance.now() - started);
  return { episodesPerSecond, accuracy: accuracy / episodes };
}

async function loadModel(tf: typeof tfjs): Promise<tfjs.LayersModel> {
  const modelJson = JSON.parse(readFileSync(path.join(bundleDir, "model/model.json"), "utf8"));
  const weights = readFileSync(path.join(bundleDir, "model/weights.bin"));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
