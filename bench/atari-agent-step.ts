/**
 * The DrQ(ε) baseline's learning step per TF.js backend: one act() (a batch-1 forward pass, ε = 0 so it is always
 * computed) plus one observe() that runs the Adam update on a replayed batch of 32 (sampling, random shifts, the
 * target's forward pass on the next observations, forward + backward on the observations). References measured in the
 * same run on the same backend: act() in evaluation mode alone (the forward pass a policy pays per step) and the bare
 * Nature-DQN Adam step of bench/backends.ts (batch 32, no replay, no target pass); the learning step is also given as
 * a ratio of wasm's. The agent is the shipped module, in process (no sandbox, no environment: random frames).
 * Usage: npx tsx bench/atari-agent-step.ts [--reps N] [--actions N] [--cpu]
 */
import { parseArgs } from "node:util";
import type * as tfjs from "@tensorflow/tfjs";
import create from "@/benchmarks/baselines/atari-drq/agent.mjs";
import { selectBackend, type BackendName } from "@/evaluator/runtime/backend";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { dqnLoss, natureDqn } from "@/evaluator/runtime/backend/nets";

const WARM_STEPS = 64;

type Timing = { learnMs: number; forwardMs: number; bareMs: number };

function frames(seed: number): () => Uint8Array {
  let state = seed >>> 0;
  return () => {
    const out = new Uint8Array(84 * 84 * 4);
    for (let i = 0; i < out.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      out[i] = state >>> 24;
    }
    return out;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The bare Nature-DQN Adam step on random data, as bench/backends.ts times it. */
async function bareStepMs(tf: typeof tfjs, reps: number, actions: number): Promise<number> {
  const model = natureDqn(tf, actions);
  const batch = {
    observations: tf.randomUniform([32, 84, 84, 4]) as tfjs.Tensor4D,
    actions: tf.randomUniform([32], 0, actions, "int32") as tfjs.Tensor1D,
    targets: tf.randomNormal([32]) as tfjs.Tensor1D,
  };
  const train = tf.train.adam(1e-4);
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const start = performance.now();
    const loss = train.minimize(() => dqnLoss(tf, model, batch, actions), true)!;
    await loss.data();
    loss.dispose();
    if (i > 0) times.push(performance.now() - start); // the first one sets up kernels
  }
  tf.dispose(Object.values(batch));
  tf.disposeVariables();
  return median(times);
}

async function measure(tf: typeof tfjs, reps: number, actions: number): Promise<Timing> {
  const next = frames(7);
  const agent = create({
    tf,
    options: { minReplay: WARM_STEPS, epsilonTrain: 0, epsilonDecaySteps: 1, epsilonEval: 0, logEvery: 1e9 },
    task: { actions, observationShape: [84, 84, 4], learningSteps: 100_000, seed: 1 },
  });
  const step = async (episodeStart: boolean) => {
    const action = await agent.act(next(), { episodeStart, mode: "learn" });
    await agent.observe({
      reward: action === 0 ? 1 : 0,
      terminated: false,
      truncated: false,
      lifeLoss: false,
      observation: next(),
    });
  };
  for (let i = 0; i < WARM_STEPS + 2; i++) await step(i === 0); // fills the replay past minReplay; two updates warm up
  const learn: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await step(false);
    learn.push(performance.now() - start);
  }
  agent.evaluationMode();
  const forward: number[] = [];
  for (let i = 0; i < Math.max(reps, 10); i++) {
    const observation = next();
    const start = performance.now();
    await agent.act(observation, { episodeStart: false, mode: "eval" });
    forward.push(performance.now() - start);
  }
  tf.disposeVariables();
  return { learnMs: median(learn), forwardMs: median(forward), bareMs: await bareStepMs(tf, reps, actions) };
}

async function main() {
  const { values } = parseArgs({
    options: {
      reps: { type: "string", default: "20" },
      actions: { type: "string", default: "18" },
      cpu: { type: "boolean" },
    },
  });
  const reps = Number(values.reps);
  const actions = Number(values.actions);
  const tfjsNodePath = findNativeTfjs()?.path;
  const backends: BackendName[] = [
    ...(tfjsNodePath ? ["tensorflow" as const] : []),
    "wasm",
    ...(values.cpu ? ["cpu" as const] : []),
  ];
  const results = new Map<BackendName, Timing>();
  for (const backend of backends) {
    const { tf } = await selectBackend({ prefer: backend, tfjsNodePath });
    // The cpu backend takes tens of seconds per update: a few repetitions only.
    results.set(backend, await measure(tf, backend === "cpu" ? Math.min(reps, 3) : reps, actions));
    console.error(`  ${backend}: ${JSON.stringify(results.get(backend))}`);
  }
  const wasm = results.get("wasm")!.learnMs;
  console.log(
    `DrQ(ε) baseline, ${actions} actions: median ms per learning step (act + Adam update on batch 32) over ${reps} steps`,
  );
  console.log(
    `${"backend".padEnd(11)}${"learning step".padStart(16)}${"forward (act)".padStart(16)}${"bare DQN step".padStart(16)}${"step/forward".padStart(14)}${"step/bare".padStart(11)}${"step/wasm".padStart(11)}${"100K steps".padStart(12)}`,
  );
  for (const [backend, { learnMs, forwardMs, bareMs }] of results) {
    const hours = (learnMs * 100_000) / 3_600_000;
    console.log(
      `${backend.padEnd(11)}${`${learnMs.toFixed(1)} ms`.padStart(16)}${`${forwardMs.toFixed(1)} ms`.padStart(16)}${`${bareMs.toFixed(1)} ms`.padStart(16)}` +
        `${`${(learnMs / forwardMs).toFixed(1)}×`.padStart(14)}${`${(learnMs / bareMs).toFixed(2)}×`.padStart(11)}${`${(learnMs / wasm).toFixed(2)}×`.padStart(11)}${`${hours.toFixed(1)} h`.padStart(12)}`,
    );
  }
  console.log("100K steps: the agent's own time for the Atari 100K budget (environment and bridge not included).");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
