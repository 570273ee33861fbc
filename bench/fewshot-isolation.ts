/**
 * What `isolation: task` costs a few-shot learner. The built-in glyph benchmark's learner baselines (the random
 * reference and R2-D2 Conv-4) answer the same `episodes` 5-way 1-shot episodes in the real sandbox, through the real
 * driver, with one sandbox for the partition (`isolation: partition`, the reference) and with the chosen mechanism
 * (`isolation: task`: the same run, then `replays` episodes replayed in fresh sandboxes started during the run),
 * alternating over `rounds` rounds so a change in the host's load hits both. Then the designs that start every episode
 * afresh, measured on `sample` episodes and extrapolated to `episodes`: a fresh sandbox per episode started when the
 * episode comes (serial), and a pool that starts and inits the next `lanes` sandboxes while the current episode runs.
 * Usage: tsx bench/fewshot-isolation.ts [episodes=600] [rounds=2] [sample=16] [lanes=2]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadAverage } from "./process-cpu";
import { builtinBenchmarks } from "@/benchmarks/builtin";
import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { launchSandbox, type SandboxSession } from "@/evaluator/sandbox";
import { fewshotExchange } from "@/evaluator/tracks/fewshot/exchange";
import { runUnitInSandbox } from "@/testing/tracks/fewshot";

const [episodes, rounds, sample, lanes] = [600, 2, 16, 2].map((fallback, i) =>
  Number(process.argv[2 + i] ?? fallback),
) as [number, number, number, number];
const tfjsNodePath = findNativeTfjs()?.path;
const backend = "auto";
const baselines = ["random", "r2d2-conv4/bundle"].map((dir) => {
  const bundleDir = path.resolve(import.meta.dirname, "../benchmarks/baselines", dir);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, "heldout.json"), "utf8")));
  return { name: manifest.name, dir: bundleDir, manifest, remove: async () => undefined };
});
const base = builtinBenchmarks.find((b) => b.slug === "glyphs-5way-1shot")!.spec as FewshotSpec;
const specFor = (isolation: "task" | "partition") =>
  fewshotSpecSchema.parse({
    ...base,
    isolation,
    partitions: { ...base.partitions, public: { ...base.partitions.public, episodes } },
  });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (values: number[]) => values.map((t) => t.toFixed(2)).join(", ");

/** One unit through the driver, launch to the last sandbox closed, and what came after the run's last answer (s). */
async function timeUnit(bundle: (typeof baselines)[number], isolation: "task" | "partition") {
  const start = performance.now();
  let runSandbox: SandboxSession | undefined;
  let lastAnswer = start;
  const wrap = (sandbox: SandboxSession): SandboxSession["request"] => {
    runSandbox ??= sandbox;
    return async (message, tensors, options) => {
      const reply = await sandbox.request(message, tensors, options);
      if (sandbox === runSandbox) lastAnswer = performance.now();
      return reply;
    };
  };
  const run = await runUnitInSandbox(bundle, specFor(isolation), { backend, tfjsNodePath, wrap });
  if (run.error) throw new Error(`${String(run.error)}\n${run.log}`);
  const end = performance.now();
  return { wall: (end - start) / 1000, afterRun: (end - lastAnswer) / 1000, sandboxes: run.logs.length };
}

/**
 * Every one of `sample` episodes in a sandbox of its own: launched, inited and played, `ahead` sandboxes being started
 * and inited while an episode runs (0: each starts when its episode comes). Returns seconds and the median start-up.
 */
async function freshPerEpisode(bundle: (typeof baselines)[number], ahead: number) {
  const spec = specFor("task");
  const exchange = fewshotExchange({
    spec,
    unit: { key: "public", partition: "public" },
    manifest: bundle.manifest,
    session: { request: () => Promise.reject(new Error("unused")) },
    onProgress() {},
    signal: new AbortController().signal,
  });
  const startups: number[] = [];
  const prepare = async (): Promise<SandboxSession> => {
    const launched = performance.now();
    const sandbox = await launchSandbox({ bundleDir: bundle.dir, limits: spec.limits, backend, tfjsNodePath });
    startups.push(performance.now() - launched);
    await exchange.init(sandbox);
    return sandbox;
  };
  const start = performance.now();
  const prepared: Promise<SandboxSession>[] = Array.from({ length: Math.min(ahead, sample) }, prepare);
  for (let index = 0; index < sample; index++) {
    const sandbox = await (prepared.shift() ?? prepare());
    if (index + ahead < sample && ahead > 0) prepared.push(prepare());
    await exchange.play(sandbox, index);
    await sandbox.close();
  }
  return { wall: ((performance.now() - start) / 1000) * (episodes / sample), startup: median(startups) };
}

console.log(
  `few-shot isolation, glyphs 5-way 1-shot, ${episodes} episodes, backend ${backend}${tfjsNodePath ? " (native built)" : ""}, ${rounds} rounds (medians), ${loadAverage()}`,
);
for (const bundle of baselines) {
  const times = { partition: [] as number[], task: [] as number[], afterRun: [] as number[] };
  let sandboxes = 0;
  await timeUnit(bundle, "partition"); // warms the page cache for both
  for (let r = 0; r < rounds; r++) {
    times.partition.push((await timeUnit(bundle, "partition")).wall);
    const task = await timeUnit(bundle, "task");
    times.task.push(task.wall);
    times.afterRun.push(task.afterRun);
    sandboxes = task.sandboxes;
  }
  const partition = median(times.partition);
  const task = median(times.task);
  const serial = await freshPerEpisode(bundle, 0);
  const pool = await freshPerEpisode(bundle, lanes);
  console.log(`${bundle.name}`);
  console.log(
    `  isolation: partition (reference)             ${partition.toFixed(2)} s   (${seconds(times.partition)})`,
  );
  console.log(
    `  isolation: task, run + ${sandboxes - 1} replays (chosen)     ${task.toFixed(2)} s   (${seconds(times.task)})   ratio ${(task / partition).toFixed(3)}; after the run's last answer ${median(times.afterRun).toFixed(2)} s`,
  );
  console.log(
    `  fresh sandbox per episode, serial (${sample} → ${episodes})  ${serial.wall.toFixed(1)} s   ratio ${(serial.wall / partition).toFixed(1)}   start-up to hello ${serial.startup.toFixed(0)} ms`,
  );
  console.log(
    `  fresh sandbox per episode, pool of ${lanes} ahead      ${pool.wall.toFixed(1)} s   ratio ${(pool.wall / partition).toFixed(1)}   start-up to hello ${pool.startup.toFixed(0)} ms`,
  );
}
