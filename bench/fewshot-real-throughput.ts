/**
 * Few-shot evaluation throughput on real-data-sized episodes, Heldout against a reference on the same network and
 * the same episodes: ProtoNet Conv-4 on Omniglot-sized 5-way 1-shot (28×28×1) and CIFAR-sized 5-way 5-shot (32×32×3)
 * episodes, and the `finetune` kind (prototype-initialised head, 20 Adam steps) on the CIFAR-sized ones. Heldout's
 * figure is the full path: store → trusted driver → bubblewrap sandbox → runtime → checked predictions → scores. The
 * reference is PyTorch on the CPU (bench/fewshot_reference_torch.py, from the .venv-bench that bench/setup-torch.sh
 * creates) with as many threads as the TF.js backend uses (WASM: 1; native TensorFlow: every core); without that
 * virtualenv, NumPy (bench/fewshot_reference.py), and the bench says so. Both check that they computed the same
 * probabilities as Heldout.
 * CIFAR-sized episodes come from a generated store in the exact CIFAR-100 binary format (the real data cannot be
 * downloaded here); throughput does not depend on the pixel values.
 * Usage: npm run bench:fewshot-real -- [--episodes N] [--rounds N] [--backend tensorflow|wasm|cpu]
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { builtinBenchmarks } from "@/benchmarks/builtin";
import { importCifar100 } from "@/benchmarks/datasets/cifar100/import";
import { binaryFile, fakeRecords, labelNames } from "@/testing/datasets/cifar100";
import { seedKernels } from "@/benchmarks/baselines/protonet-conv4/protonet";
import { saveLayersModel } from "@/benchmarks/baselines/save-model";
import { createRng } from "@/lib/core/random";
import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import { getConfig } from "@/lib/config";
import type { BackendName } from "@/evaluator/runtime/backend";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { conv4 } from "@/evaluator/runtime/backend/nets";
import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { fewshotUnitThroughSandbox } from "./fewshot-unit-run";
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";

const FINETUNE = { steps: 20, lr: 0.005 };

async function main() {
  const { values } = parseArgs({
    options: {
      episodes: { type: "string", default: "30" },
      rounds: { type: "string", default: "3" },
      backend: { type: "string" },
    },
  });
  const episodes = Number(values.episodes);
  const rounds = Number(values.rounds);
  const tfjsNodePath = findNativeTfjs()?.path;
  const backend = (values.backend ?? (tfjsNodePath ? "tensorflow" : "wasm")) as BackendName;
  const work = mkdtempSync(path.join(os.tmpdir(), "heldout-bench-"));
  chmodSync(work, 0o755);
  try {
    const datasetsDir = path.join(work, "datasets");
    const cases = await prepareCases(work, datasetsDir, episodes);
    const reference = pickReference(backend);
    console.log(
      `${episodes} episodes per case, 15 queries per class, ${rounds} rounds (Heldout then reference, alternating; medians); Heldout backend ${backend}; reference ${reference.label}, same weights, same episodes`,
    );
    if (reference.note) console.log(reference.note);
    for (const c of cases) {
      const referenceDir = writeReferenceInputs(
        path.join(work, "reference"),
        c.spec,
        c.bundle,
        datasetsDir,
        c.finetune,
        reference.threads,
      );
      const measured = await measureCase(c, rounds, { backend, tfjsNodePath, datasetsDir, reference, referenceDir });
      printCase(c.label, reference.name, measured);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

type BenchCase = { label: string; spec: FewshotSpec; bundle: string; finetune: typeof FINETUNE | undefined };

/** A generated CIFAR-100 store imported into `datasetsDir`, and the three cases measured on it and on the glyphs. */
async function prepareCases(work: string, datasetsDir: string, episodes: number): Promise<BenchCase[]> {
  const raw = path.join(work, "cifar");
  mkdirSync(raw);
  writeFileSync(path.join(raw, "train.bin"), binaryFile(fakeRecords(15)));
  writeFileSync(path.join(raw, "test.bin"), binaryFile(fakeRecords(5, 3)));
  writeFileSync(path.join(raw, "fine_label_names.txt"), labelNames("fine"));
  writeFileSync(path.join(raw, "coarse_label_names.txt"), labelNames("coarse"));
  const index = await importCifar100(raw, { datasetsDir, subset: true });

  const glyphs = builtinBenchmarks.find((b) => b.slug === "glyphs-5way-1shot")!.spec as FewshotSpec;
  const omniglotSized = withEpisodes(glyphs, episodes);
  const cifarSized = fewshotSpecSchema.parse({
    ...omniglotSized,
    dataset: { source: "store", store: "cifar100", split: "cifar-fs", sha256: index.sha256 },
    shots: 5,
  });
  const cifarBundle = await writeConv4Bundle(path.join(work, "conv4-cifar"), [32, 32, 3]);
  return [
    {
      label: "ProtoNet Conv-4, Omniglot-sized 5-way 1-shot",
      spec: omniglotSized,
      bundle: path.resolve(import.meta.dirname, "../benchmarks/baselines/protonet-conv4/bundle"),
      finetune: undefined,
    },
    {
      label: "ProtoNet Conv-4, CIFAR-sized 5-way 5-shot",
      spec: cifarSized,
      bundle: cifarBundle.embedding,
      finetune: undefined,
    },
    {
      label: `finetune kind (Conv-4, ${FINETUNE.steps} Adam steps), CIFAR-sized 5-way 5-shot`,
      spec: cifarSized,
      bundle: cifarBundle.finetune,
      finetune: FINETUNE,
    },
  ];
}

type Measured = { heldoutRates: number[]; referenceRates: number[]; ratios: number[]; maxDiff: number };

/** `rounds` alternating runs of Heldout and the reference on one case, and how far their probabilities differ. */
async function measureCase(
  c: BenchCase,
  rounds: number,
  on: {
    backend: BackendName;
    tfjsNodePath: string | undefined;
    datasetsDir: string;
    reference: Reference;
    referenceDir: string;
  },
): Promise<Measured> {
  const measured: Measured = { heldoutRates: [], referenceRates: [], ratios: [], maxDiff: 0 };
  for (let round = 0; round < rounds; round++) {
    const heldout = await fewshotUnitThroughSandbox({
      spec: c.spec,
      bundleDir: c.bundle,
      backend: on.backend,
      tfjsNodePath: on.tfjsNodePath,
      datasetsDir: on.datasetsDir,
    });
    const computed = runReference(on.reference, on.referenceDir);
    heldout.probabilities.forEach(
      (v, i) => (measured.maxDiff = Math.max(measured.maxDiff, Math.abs(v - computed.probabilities[i]!))),
    );
    measured.heldoutRates.push(heldout.episodesPerSecond);
    measured.referenceRates.push(computed.episodesPerSecond);
    measured.ratios.push(heldout.episodesPerSecond / computed.episodesPerSecond);
  }
  return measured;
}

function printCase(label: string, referenceName: string, measured: Measured) {
  const spread = (values: number[]) =>
    `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
  console.log(`${label}`);
  console.log(`  Heldout (driver + sandbox): ${spread(measured.heldoutRates)} episodes/s`);
  console.log(
    `  reference (${referenceName}):${" ".repeat(Math.max(1, 10 - referenceName.length))}${spread(measured.referenceRates)} episodes/s`,
  );
  console.log(
    `  ratio Heldout / reference:  ${spread(measured.ratios)}   (max |Δp| ${measured.maxDiff.toExponential(1)})`,
  );
}

function withEpisodes(spec: FewshotSpec, episodes: number): FewshotSpec {
  return fewshotSpecSchema.parse({
    ...spec,
    partitions: { ...spec.partitions, public: { ...spec.partitions.public, episodes } },
  });
}

/** A seeded Conv-4 for `shape` as an embedding bundle and a finetune bundle (same weights). */
async function writeConv4Bundle(dir: string, shape: [number, number, number]) {
  await tf.setBackend("cpu");
  const model = conv4(tf, shape);
  seedKernels(tf, model, createRng(7).next);
  const out: Record<string, string> = {};
  for (const kind of ["embedding", "finetune"] as const) {
    const bundle = path.join(dir, kind);
    await saveLayersModel(tf, model, path.join(bundle, "model"));
    const options =
      kind === "embedding"
        ? { distance: "euclidean" }
        : { ...FINETUNE, optimizer: "adam", trainable: "head", head: "prototype" };
    writeFileSync(
      path.join(bundle, "heldout.json"),
      JSON.stringify({ name: `conv4-${kind}`, track: "fewshot", kind, model: "model/model.json", options }),
    );
    for (const d of [dir, bundle, path.join(bundle, "model")]) chmodSync(d, 0o755);
    out[kind] = bundle;
  }
  model.dispose();
  return out as { embedding: string; finetune: string };
}

type Reference = { name: string; label: string; python: string; script: string; threads: number; note?: string };

/** PyTorch from .venv-bench when bench/setup-torch.sh made it, else NumPy from the project's Python. */
function pickReference(backend: BackendName): Reference {
  // WASM runs one thread in Node and the cpu backend is single-threaded; native TensorFlow uses every core.
  const threads = backend === "tensorflow" ? os.availableParallelism() : 1;
  const torchPython = path.resolve(import.meta.dirname, "../.venv-bench/bin/python");
  if (existsSync(torchPython) && imports(torchPython, "torch")) {
    return {
      name: "PyTorch",
      label: `PyTorch (CPU, ${threads} thread${threads > 1 ? "s" : ""})`,
      python: torchPython,
      script: "fewshot_reference_torch.py",
      threads,
    };
  }
  return {
    name: "NumPy",
    label: "NumPy (CPU)",
    python: getConfig().python,
    script: "fewshot_reference.py",
    threads,
    note: "No PyTorch in .venv-bench (run bench/setup-torch.sh): the reference is NumPy instead.",
  };
}

function imports(python: string, module: string): boolean {
  try {
    execFileSync(python, ["-c", `import ${module}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The weights, the episodes (support and query images, support labels) and their settings, for either reference script. */
function writeReferenceInputs(
  dir: string,
  spec: FewshotSpec,
  bundleDir: string,
  datasetsDir: string,
  finetune: typeof FINETUNE | undefined,
  threads: number,
): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const modelJson = JSON.parse(readFileSync(path.join(bundleDir, "model/model.json"), "utf8")) as {
    weightsManifest: { weights: { name: string; shape: number[] }[] }[];
  };
  writeFileSync(path.join(dir, "weights.bin"), readFileSync(path.join(bundleDir, "model/weights.bin")));
  const dataset = openFewshotDataset(spec.dataset, datasetsDir);
  const { ways, shots, queries } = spec;
  const { seed, episodes } = spec.partitions.public;
  const images: Buffer[] = [];
  const labels: Buffer[] = [];
  for (let index = 0; index < episodes; index++) {
    const e = sampleEpisode({ dataset, classes: dataset.testClasses, ways, shots, queries, seed, index });
    images.push(Buffer.from(e.supportImages.buffer), Buffer.from(e.queryImages.buffer));
    labels.push(Buffer.from(e.supportLabels.buffer));
  }
  writeFileSync(path.join(dir, "episodes.bin"), Buffer.concat(images));
  writeFileSync(path.join(dir, "labels.bin"), Buffer.concat(labels));
  const weights = modelJson.weightsManifest[0]!.weights;
  const meta = {
    weightShapes: weights.map((w) => w.shape),
    weightNames: weights.map((w) => w.name),
    imageShape: dataset.imageShape,
    ways,
    shots,
    queries,
    episodes,
    finetune,
    threads,
  };
  writeFileSync(path.join(dir, "meta.json"), JSON.stringify(meta));
  return dir;
}

function runReference(reference: Reference, dir: string) {
  const output = execFileSync(reference.python, [path.join(import.meta.dirname, reference.script), dir], {
    encoding: "utf8",
  });
  const { episodes_per_second } = JSON.parse(output.trim().split("\n").at(-1)!) as { episodes_per_second: number };
  return {
    episodesPerSecond: episodes_per_second,
    probabilities: new Float32Array(readFileSync(path.join(dir, "reference.bin")).buffer.slice(0)),
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
