/**
 * What `isolation: task` costs a Meta-World unit: the random baseline, in the real sandbox, plays the same ML10 unit
 * (`goals` goals of the full protocol: 10 adaptation + 3 evaluation episodes of 500 steps) with one sandbox for every
 * goal (`isolation: partition`, the reference) and with a fresh sandbox per goal (`isolation: task`), alternating over
 * `rounds` rounds so a change in the host's load hits both. The extra cost per goal, (task − partition) / (goals − 1),
 * extrapolates the reference unit of 40 goals.
 * Usage: tsx bench/metaworld-isolation.ts [task=drawer-open-v3] [goals=3] [rounds=2]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadAverage } from "./process-cpu";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { runInSandbox } from "@/testing/tracks/metaworld";
import type { MetaWorldTask } from "@/evaluator/tracks/metaworld/definition/tasks";

const task = (process.argv[2] ?? "drawer-open-v3") as MetaWorldTask;
const goals = Number(process.argv[3] ?? 3);
const rounds = Number(process.argv[4] ?? 2);
if (goals < 2) throw new Error("goals must be at least 2: the extra cost is per goal after the first");

const baseline = path.resolve(import.meta.dirname, "../benchmarks/baselines/metaworld-random");
const bundle = {
  dir: baseline,
  manifest: JSON.parse(await readFile(path.join(baseline, "heldout.json"), "utf8")) as unknown,
};
const ml10 = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!.spec;

const timeUnit = async (isolation: "task" | "partition") => {
  const start = performance.now();
  const run = await runInSandbox({ ...ml10, goalsPerTask: goals, isolation }, task, 1, bundle);
  if (run.error) throw run.error;
  return (performance.now() - start) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const times = { partition: [] as number[], task: [] as number[] };
for (let r = 0; r < rounds; r++) {
  times.partition.push(await timeUnit("partition"));
  times.task.push(await timeUnit("task"));
}
const partition = median(times.partition);
const isolated = median(times.task);
const extraPerGoal = (isolated - partition) / (goals - 1);
const perGoal = partition / goals;
const full = ml10.goalsPerTask;
console.log(
  `Meta-World ML10 ${task}, random baseline in the sandbox, ${goals} goals of the full protocol, ${rounds} rounds (medians), ${loadAverage()}`,
);
console.log(
  `  isolation: partition (reference) ${partition.toFixed(1)} s   (${times.partition.map((t) => t.toFixed(1)).join(", ")})`,
);
console.log(
  `  isolation: task                  ${isolated.toFixed(1)} s   (${times.task.map((t) => t.toFixed(1)).join(", ")})   ratio ${(isolated / partition).toFixed(3)}`,
);
console.log(
  `  extra per goal ${extraPerGoal.toFixed(2)} s; a ${full}-goal unit: ${(full * perGoal).toFixed(0)} s → ${(full * perGoal + (full - 1) * extraPerGoal).toFixed(0)} s, ratio ${((full * perGoal + (full - 1) * extraPerGoal) / (full * perGoal)).toFixed(3)}`,
);
