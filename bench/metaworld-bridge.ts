/**
 * Meta-World environment throughput and the cost of a full ML10 evaluation, measured in one run:
 *   python   a plain Python loop stepping the same Meta-World task (same module, same goal) with random actions (the reference)
 *   bridge   the TypeScript side stepping it through the Python shim (no agent)
 *   unit     one ML10 unit (test task × seed) of the random baseline through the meta-test driver, `goals` goals of
 *            the full protocol (10 adaptation + 3 evaluation episodes of 500 steps), the agent in the real sandbox (as
 *            submissions run) and, for the ratio, the same agent in process
 * python and bridge alternate over several rounds (medians printed), so a change in the host's load hits both.
 * The full ML10 evaluation's wall time (5 test tasks × 40 goals × 6 seeds, one unit at a time) is extrapolated from
 * the sandboxed unit's measured time per goal plus its measured start-up.
 * Both loops also report CPU time per step (the bridge's: driver + shim, from /proc): on a shared host the wall-clock
 * ratio mostly measures the scheduler, the CPU ratio the work the bridge adds.
 * Usage: tsx bench/metaworld-bridge.ts [task=drawer-open-v3] [steps=3000] [rounds=3] [goals=2]  (goals=0: bridge only;
 * bench/metaworld-ml10-random.ts measures a whole ML10 evaluation through the pipeline)
 */
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { requirePython } from "@/evaluator/envs/venv";
import { partitionRuns } from "@/lib/private-seeds";
import { descendantsCpuMs, loadAverage, ownCpuMs } from "./process-cpu";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { openMetaWorldEnv } from "@/evaluator/tracks/metaworld/env";
import { loadAgentFactory } from "@/evaluator/tracks/metaworld/local-agent";
import { runInSandbox, runWithAgent } from "@/testing/tracks/metaworld";
import { METAWORLD_TASKS, type MetaWorldTask } from "@/evaluator/tracks/metaworld/definition/tasks";

const task = (process.argv[2] ?? "drawer-open-v3") as MetaWorldTask;
const steps = Number(process.argv[3] ?? 3000);
const rounds = Number(process.argv[4] ?? 3);
const goals = Number(process.argv[5] ?? 2);
/** Steps before timing starts, on both sides. */
const warmup = 300;
if (!METAWORLD_TASKS.includes(task)) throw new Error(`unknown task ${task}`);

type Loop = { rate: number; cpu: number; driverCpu?: number };

/** Steps per second and CPU µs per step of the plain loop. */
function pythonLoop(): Loop {
  const code = `
import sys, time, numpy, gymnasium, metaworld_env
metaworld_env.register()
env = gymnasium.make(metaworld_env.ENV_ID, benchmark="ML10", split="test", env_name=sys.argv[1], seed=0)
rng = numpy.random.default_rng(0)
env.reset(seed=0, options={"goal": 0})
n, warmup = int(sys.argv[2]), int(sys.argv[3])
for i in range(warmup + n):
    if i == warmup:
        start, cpu = time.perf_counter(), time.process_time()
    obs, reward, terminated, truncated, info = env.step(rng.uniform(-1, 1, 4).astype(numpy.float32))
    if terminated or truncated:
        env.reset()
print(n / (time.perf_counter() - start), 1e6 * (time.process_time() - cpu) / n)
`;
  const cwd = path.resolve(import.meta.dirname, "../evaluator/envs/python");
  const run = spawnSync(requirePython(), ["-B", "-c", code, task, String(steps), String(warmup)], {
    encoding: "utf8",
    cwd,
  });
  if (run.status !== 0) throw new Error(`the Python loop failed:\n${run.stderr}`);
  const [rate, cpu] = run.stdout.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { rate: rate!, cpu: cpu! };
}

/** Steps per second through the bridge, CPU µs per step of the driver and the shim together, and of the driver alone. */
async function bridgeLoop(): Promise<Loop> {
  const env = await openMetaWorldEnv({ benchmark: "ML10", split: "test", task, seed: 0 });
  try {
    await env.reset({ seed: 0, options: { goal: 0 } });
    let start = performance.now();
    let own = ownCpuMs();
    let below = descendantsCpuMs();
    for (let i = 0; i < warmup + steps; i++) {
      if (i === warmup) {
        start = performance.now();
        own = ownCpuMs();
        below = descendantsCpuMs();
      }
      const result = await env.step([0, 1, 2, 3].map(() => Math.random() * 2 - 1));
      if (result.terminated || result.truncated) await env.reset();
    }
    const driver = ownCpuMs() - own;
    const shim = descendantsCpuMs() - below;
    return {
      rate: (steps / (performance.now() - start)) * 1000,
      cpu: (1000 * (driver + shim)) / steps,
      driverCpu: (1000 * driver) / steps,
    };
  } finally {
    await env.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const python: Loop[] = [];
const bridge: Loop[] = [];
for (let r = 0; r < rounds; r++) {
  python.push(pythonLoop());
  bridge.push(await bridgeLoop());
}
const py = { rate: median(python.map((l) => l.rate)), cpu: median(python.map((l) => l.cpu)) };
const br = {
  rate: median(bridge.map((l) => l.rate)),
  cpu: median(bridge.map((l) => l.cpu)),
  driverCpu: median(bridge.map((l) => l.driverCpu!)),
};
console.log(`Meta-World ML10 ${task}, ${steps} random steps, ${rounds} rounds (medians), ${loadAverage()}`);
console.log(`  python loop    ${py.rate.toFixed(0)} steps/s   CPU ${py.cpu.toFixed(0)} µs/step`);
console.log(
  `  through bridge ${br.rate.toFixed(0)} steps/s   ratio ${(br.rate / py.rate).toFixed(3)}   overhead ${(1e6 / br.rate - 1e6 / py.rate).toFixed(0)} µs/step   ` +
    `CPU ${br.cpu.toFixed(0)} µs/step (driver ${br.driverCpu.toFixed(0)})   CPU ratio ${(py.cpu / br.cpu).toFixed(3)}`,
);
if (goals === 0) process.exit(0);

const baseline = path.resolve(import.meta.dirname, "../benchmarks/baselines/metaworld-random");
const random = await loadAgentFactory(baseline);
const bundle = {
  dir: baseline,
  manifest: JSON.parse(await readFile(path.join(baseline, "heldout.json"), "utf8")) as unknown,
};
const ml10 = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!.spec;
const timeOne = async (n: number, sandboxed: boolean) => {
  const spec = { ...ml10, goalsPerTask: n };
  const start = performance.now();
  if (!sandboxed) await runWithAgent(spec, task, 1, random.factory, { options: random.options });
  else {
    const run = await runInSandbox(spec, task, 1, bundle);
    if (run.error) throw run.error;
  }
  return (performance.now() - start) / 1000;
};
const unitCost = async (sandboxed: boolean) => {
  const one = await timeOne(1, sandboxed);
  const perGoal = ((await timeOne(goals + 1, sandboxed)) - one) / goals;
  return { perGoal, startup: Math.max(0, one - perGoal) };
};
const inProcess = await unitCost(false);
const { perGoal, startup } = await unitCost(true);
const stepsPerGoal = (ml10.adaptationEpisodes + ml10.evaluationEpisodes) * ml10.maxEpisodeSteps;
const seeds = partitionRuns(ml10, "public").length + partitionRuns(ml10, "private").length;
const units = 5 * seeds;
const full = units * (startup + ml10.goalsPerTask * perGoal);
console.log(
  `  ML10 unit (random baseline, full protocol), agent in process: ${inProcess.perGoal.toFixed(2)} s per goal (${(stepsPerGoal / inProcess.perGoal).toFixed(0)} steps/s)`,
);
console.log(
  `  ML10 unit, agent in the sandbox: ${perGoal.toFixed(2)} s per goal (${stepsPerGoal} steps, ${(stepsPerGoal / perGoal).toFixed(0)} steps/s), start-up ${startup.toFixed(2)} s   ratio to in process ${(inProcess.perGoal / perGoal).toFixed(3)}   sandbox round trip ${((1e6 * (perGoal - inProcess.perGoal)) / stepsPerGoal).toFixed(0)} µs/step`,
);
console.log(
  `  full ML10 evaluation, extrapolated: ${units} units × (${startup.toFixed(1)} s + ${ml10.goalsPerTask} goals × ${perGoal.toFixed(2)} s) = ${(full / 3600).toFixed(2)} h one unit at a time (${(full / 60 / units).toFixed(1)} min per unit)`,
);
