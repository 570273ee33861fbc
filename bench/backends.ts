/**
 * TF.js compute backends side by side, in one run: Conv-4 forward (batch 100, 28×28×1), a Conv-4 ProtoNet training
 * step (batch 25: 5-way, 3 shots + 2 queries) with SGD and with Adam, and a Nature-DQN Adam step (batch 32,
 * 84×84×4, 6 actions), on every backend that loads here. Prints the median ms per op and the ratio against wasm,
 * then the native build's disk use and recorded set-up time. The cpu backend (a Conv-4 step takes minutes there) is
 * timed once per op, without warm-up. Usage: npx tsx bench/backends.ts [--reps N] [--no-cpu]
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type * as tfjs from "@tensorflow/tfjs";
import { selectBackend, type BackendName } from "@/evaluator/runtime/backend";
import { defaultNativeRoot, findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { conv4, dqnLoss, natureDqn, protoNetLoss } from "@/evaluator/runtime/backend/nets";

type Tf = typeof tfjs;
type Op = { name: string; prepare: (tf: Tf) => () => Promise<unknown> };

const episode = { ways: 5, shots: 3, queries: 2 };
const dqnActions = 6;

const ops: Op[] = [
  {
    name: "Conv-4 forward, batch 100",
    prepare: (tf) => {
      const model = conv4(tf);
      const images = tf.randomUniform([100, 28, 28, 1]);
      return () => tf.tidy(() => model.predict(images) as tfjs.Tensor).data();
    },
  },
  ...(["sgd", "adam"] as const).map<Op>((optimizer) => ({
    name: `Conv-4 ProtoNet ${optimizer === "sgd" ? "SGD" : "Adam"} step, batch 25`,
    prepare: (tf) => {
      const model = conv4(tf);
      const images = tf.randomUniform([25, 28, 28, 1]) as tfjs.Tensor4D;
      const train = optimizer === "sgd" ? tf.train.sgd(0.01) : tf.train.adam(1e-3);
      return () => lossOf(train.minimize(() => protoNetLoss(tf, model, images, episode), true));
    },
  })),
  {
    name: "Nature-DQN Adam step, batch 32",
    prepare: (tf) => {
      const model = natureDqn(tf, dqnActions);
      const batch = {
        observations: tf.randomUniform([32, 84, 84, 4]) as tfjs.Tensor4D,
        actions: tf.randomUniform([32], 0, dqnActions, "int32") as tfjs.Tensor1D,
        targets: tf.randomNormal([32]) as tfjs.Tensor1D,
      };
      const train = tf.train.adam(1e-4);
      return () => lossOf(train.minimize(() => dqnLoss(tf, model, batch, dqnActions), true));
    },
  },
];

async function lossOf(loss: tfjs.Scalar | null): Promise<number> {
  const value = (await loss!.data())[0];
  loss!.dispose();
  return value;
}

async function medianMs(run: () => Promise<unknown>, reps: number, warmUp: boolean): Promise<number> {
  if (warmUp) await run(); // kernel set-up, weight packing, first allocation
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function nativeFootprint(): string[] {
  const native = findNativeTfjs();
  if (!native) return ["native build: none (scripts/setup-native.sh builds it)"];
  const prefix = path.resolve(native.path, "../../..");
  const du = (p: string) => execFileSync("du", ["-sh", p], { encoding: "utf8" }).split("\t")[0];
  const secondsFile = path.join(prefix, "build-seconds");
  const seconds = existsSync(secondsFile) ? `${readFileSync(secondsFile, "utf8").trim()} s` : "not recorded";
  const cache = path.join(defaultNativeRoot(), "cache");
  return [
    `native build (${native.kind}): ${du(prefix)} in ${path.relative(process.cwd(), prefix)}` +
      (existsSync(cache) ? `, plus ${du(cache)} of cached wheels` : ""),
    `native build set-up time (last build, wheel download included unless cached): ${seconds}`,
  ];
}

async function main() {
  const { values } = parseArgs({ options: { reps: { type: "string", default: "5" }, "no-cpu": { type: "boolean" } } });
  const reps = Number(values.reps);
  const tfjsNodePath = findNativeTfjs()?.path;
  const backends: BackendName[] = [
    ...(tfjsNodePath ? ["tensorflow" as const] : []),
    "wasm",
    ...(values["no-cpu"] ? [] : ["cpu" as const]),
  ];

  const results = new Map<string, Map<BackendName, number>>();
  for (const backend of backends) {
    const { tf } = await selectBackend({ prefer: backend, tfjsNodePath });
    for (const op of ops) {
      const run = op.prepare(tf);
      const ms = backend === "cpu" ? await medianMs(run, 1, false) : await medianMs(run, reps, true);
      if (!results.has(op.name)) results.set(op.name, new Map());
      results.get(op.name)!.set(backend, ms);
      console.error(`  ${backend}: ${op.name}: ${ms.toFixed(1)} ms`);
    }
    tf.disposeVariables();
  }

  console.log(`TF.js backends, ms per op: median of ${reps} runs after a warm-up (cpu: one run); ratio = ms / wasm ms`);
  const width = Math.max(...ops.map((o) => o.name.length));
  console.log(`${"".padEnd(width)}  ${backends.map((b) => b.padStart(22)).join("")}`);
  for (const op of ops) {
    const row = results.get(op.name)!;
    const wasm = row.get("wasm")!;
    const cells = backends.map((b) =>
      `${row.get(b)!.toFixed(1)} ms (${(row.get(b)! / wasm).toFixed(2)}×)`.padStart(22),
    );
    console.log(`${op.name.padEnd(width)}  ${cells.join("")}`);
  }
  for (const line of nativeFootprint()) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
