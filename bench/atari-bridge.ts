/**
 * Atari environment throughput: agent steps per second of the same ALE game under the Atari 100K settings
 * (Gymnasium's AtariPreprocessing, frame skip 4) with a uniformly random agent, measured three ways in one run:
 *   python   a plain Python loop in the project virtualenv (the reference)
 *   bridge   the TypeScript side stepping the environment through the Python shim (no agent)
 *   full     bridge + frame stack + sandboxed agent over the protocol (the driver's learning loop)
 *   floor    the same three processes with no protocol logic: the same shim, a bare Node child answering each frame
 *            with a random action (blocking reads, no sandbox), and this process passing the shim's bytes through
 *            unparsed except the end-of-episode flags. It is what the process layout alone costs on this host (the
 *            agent must not share a process with the environment, and the rules live in TypeScript, not the shim),
 *            so `full` is also reported as a fraction of it.
 * The four alternate over several rounds (the medians are printed), so a change in the host's load hits all four.
 * Prints steps/s, the ratio to the Python loop, the per-step overhead in µs, and CPU time per step (the loops' own;
 * bridge and full: the driver and every process below it, from /proc) with the CPU ratio: on a shared host the
 * wall-clock ratio mostly measures the scheduler (a process that sleeps on a pipe is woken ahead of busy ones).
 * Usage: tsx bench/atari-bridge.ts [game=Pong] [steps=3000] [rounds=3]
 */
import { spawn, spawnSync } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { performance } from "node:perf_hooks";
import { requirePython, SHIM_FILE } from "@/evaluator/envs/venv";
import { encodeFrame } from "@/evaluator/protocol/framing";
import { descendantsCpuMs, loadAverage, ownCpuMs } from "./process-cpu";
import { play } from "@/evaluator/tracks/atari/play";
import { ATARI_100K, openAtariEnv } from "@/evaluator/tracks/atari/settings";
import { atariEnvId, ATARI_GAME_NAMES, type AtariGame } from "@/evaluator/tracks/atari/definition/games";
import { agentBundle, launchRlSandbox, RANDOM_AGENT } from "@/testing/tracks/atari";

const game = (process.argv[2] ?? "Pong") as AtariGame;
const steps = Number(process.argv[3] ?? 3000);
const rounds = Number(process.argv[4] ?? 3);
/** Steps before timing starts on the TypeScript side (JIT warm-up); the Python loop needs none. */
const warmup = 500;
if (!ATARI_GAME_NAMES.includes(game)) throw new Error(`unknown game ${game}`);

type Loop = { rate: number; cpu: number; driverCpu: number };

/** Steps per second and CPU µs per step of the plain loop. */
function pythonLoop(): Loop {
  const code = `
import json, sys, time, gymnasium, ale_py, numpy
gymnasium.register_envs(ale_py)
settings = json.loads(sys.argv[1])
env = gymnasium.make(settings["id"], **settings["env"])
env = gymnasium.wrappers.AtariPreprocessing(env, **settings["preprocessing"])
rng = numpy.random.default_rng(0)
env.reset(seed=0)
n = settings["steps"]
start, cpu = time.perf_counter(), time.process_time()
for _ in range(n):
    obs, reward, terminated, truncated, info = env.step(int(rng.integers(env.action_space.n)))
    if terminated or truncated:
        env.reset()
print(n / (time.perf_counter() - start), 1e6 * (time.process_time() - cpu) / n)
`;
  const settings = { id: atariEnvId(game), env: ATARI_100K.env, preprocessing: ATARI_100K.preprocessing, steps };
  const run = spawnSync(requirePython(), ["-c", code, JSON.stringify(settings)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`the Python loop failed:\n${run.stderr}`);
  const [rate, cpu] = run.stdout.trim().split(" ").map(Number);
  return { rate: rate!, cpu: cpu!, driverCpu: 0 };
}

/** CPU µs per step since `since`: this process (the driver) and everything below it (shim, sandbox). */
const cpuMark = () => ({ own: ownCpuMs(), below: descendantsCpuMs() });
function cpuPerStep(since: ReturnType<typeof cpuMark>): { cpu: number; driverCpu: number } {
  const driver = ownCpuMs() - since.own;
  return { cpu: (1000 * (driver + descendantsCpuMs() - since.below)) / steps, driverCpu: (1000 * driver) / steps };
}

/** Runs `step` warmup + steps times and measures the last `steps`. */
async function timed(step: () => Promise<void>): Promise<Loop> {
  for (let i = 0; i < warmup; i++) await step();
  const start = performance.now();
  const cpu = cpuMark();
  for (let i = 0; i < steps; i++) await step();
  return { rate: (steps / (performance.now() - start)) * 1000, ...cpuPerStep(cpu) };
}

async function bridgeLoop(): Promise<Loop> {
  const env = await openAtariEnv(game);
  const actions = env.actionSpace.kind === "discrete" ? env.actionSpace.n : 1;
  await env.reset({ seed: 0 });
  try {
    return await timed(async () => {
      const result = await env.step(Math.floor(Math.random() * actions));
      if (result.terminated || result.truncated) await env.reset();
    });
  } finally {
    await env.close();
  }
}

async function fullLoop(): Promise<Loop & { backend: string }> {
  const bundle = await agentBundle(RANDOM_AGENT);
  const session = await launchRlSandbox(bundle, { wallSeconds: 3600, memoryMb: 2048, callSeconds: 30 });
  const env = await openAtariEnv(game);
  try {
    const actions = env.actionSpace.kind === "discrete" ? env.actionSpace.n : 1;
    const task = {
      track: "atari",
      game,
      actions,
      actionMeanings: env.actionMeanings ?? [],
      observationShape: [84, 84, 4],
      learningSteps: warmup + steps,
      seed: 0,
    };
    await session.request({ type: "init", manifest: bundle.manifest, task });
    let start = 0;
    let elapsed = 0;
    let cpu = cpuMark();
    let used = { cpu: 0, driverCpu: 0 };
    await play({
      env,
      session,
      learningSteps: warmup + steps,
      evalEpisodes: 0,
      maxEpisodeSteps: ATARI_100K.maxEpisodeSteps,
      seed: 0,
      evalEpsilon: 0,
      timeoutMs: 30_000,
      signal: new AbortController().signal,
      reportEvery: warmup,
      onReport: (report) => {
        if (report.phase !== "learning") return;
        if (report.steps === warmup) {
          start = performance.now();
          cpu = cpuMark();
        }
        if (report.steps === warmup + steps) {
          elapsed = performance.now() - start;
          used = cpuPerStep(cpu);
        }
      },
    });
    return { rate: (steps / elapsed) * 1000, ...used, backend: session.hello.backend };
  } finally {
    await env.close();
    await session.close();
    await bundle.remove();
  }
}

/** The bare agent of the floor loop: reads a frame with blocking reads, answers a random action (one byte). */
const BARE_AGENT = `
const fs = require("node:fs");
const buffer = Buffer.alloc(1 << 20);
let have = 0;
for (;;) {
  while (have < 4 || have < 4 + buffer.readUInt32LE(0)) {
    const n = fs.readSync(3, buffer, have, buffer.length - have, null);
    if (n === 0) process.exit(0);
    have += n;
  }
  const length = 4 + buffer.readUInt32LE(0);
  buffer.copy(buffer, 0, length, have);
  have -= length;
  fs.writeSync(4, Buffer.of(Math.floor(Math.random() * 256)));
}`;

/** Length-prefixed frames from a stream, as raw bytes: the floor loop's only parsing. */
function rawFrames(stream: Readable): () => Promise<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  const ready: Buffer[] = [];
  let waiter: ((frame: Buffer) => void) | undefined;
  stream.on("data", (chunk: Buffer) => {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32LE(0)) {
      const length = 4 + pending.readUInt32LE(0);
      const frame = pending.subarray(0, length);
      pending = pending.subarray(length);
      const wake = waiter;
      waiter = undefined;
      if (wake) wake(frame);
      else ready.push(frame);
    }
  });
  return () => (ready.length > 0 ? Promise.resolve(ready.shift()!) : new Promise((resolve) => (waiter = resolve)));
}

async function floorLoop(): Promise<Loop> {
  const shim = spawn(requirePython(), ["-u", SHIM_FILE], {
    stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"],
    env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv,
  });
  const agent = spawn(process.execPath, ["-e", BARE_AGENT], { stdio: ["ignore", "ignore", "inherit", "pipe", "pipe"] });
  const [toShim, fromShim, toAgent] = [
    shim.stdio[3] as Writable,
    rawFrames(shim.stdio[4] as Readable),
    agent.stdio[3] as Writable,
  ];
  const agentBytes: Buffer[] = [];
  let agentWaiter: ((byte: number) => void) | undefined;
  (agent.stdio[4] as Readable).on("data", (chunk: Buffer) => {
    agentBytes.push(chunk);
    const wake = agentWaiter;
    agentWaiter = undefined;
    wake?.(agentBytes.shift()![0]!);
  });
  const fromAgent = () =>
    agentBytes.length > 0
      ? Promise.resolve(agentBytes.shift()![0]!)
      : new Promise<number>((resolve) => (agentWaiter = resolve));
  const request = (message: Record<string, unknown> & { type: string }) => {
    toShim.write(encodeFrame(message));
    return fromShim();
  };
  const ended = (frame: Buffer) => {
    const header = JSON.parse(frame.subarray(8, 8 + frame.readUInt32LE(4)).toString()) as {
      terminated: boolean;
      truncated: boolean;
    };
    return header.terminated || header.truncated;
  };
  try {
    const made = await request({
      type: "make",
      id: atariEnvId(game),
      kwargs: ATARI_100K.env,
      preprocessing: ATARI_100K.preprocessing,
    });
    const actions = (
      JSON.parse(made.subarray(8, 8 + made.readUInt32LE(4)).toString()) as { actionSpace: { n: number } }
    ).actionSpace.n;
    let frame = await request({ type: "reset", seed: 0 });
    return await timed(async () => {
      toAgent.write(frame);
      frame = await request({ type: "step", action: (await fromAgent()) % actions });
      if (ended(frame)) frame = await request({ type: "reset" });
    });
  } finally {
    shim.kill();
    agent.kill();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const measured = {
  python: [] as Loop[],
  bridge: [] as Loop[],
  full: [] as (Loop & { backend: string })[],
  floor: [] as Loop[],
};
for (let round = 0; round < rounds; round++) {
  measured.python.push(pythonLoop());
  measured.bridge.push(await bridgeLoop());
  measured.full.push(await fullLoop());
  measured.floor.push(await floorLoop());
}
const summary = (runs: Loop[]) => ({
  rate: median(runs.map((r) => r.rate)),
  cpu: median(runs.map((r) => r.cpu)),
  driverCpu: median(runs.map((r) => r.driverCpu)),
});
const python = summary(measured.python);
const bridge = summary(measured.bridge);
const full = summary(measured.full);
const floor = summary(measured.floor);
const overhead = (rate: number) => (1e6 / rate - 1e6 / python.rate).toFixed(0);
console.log(
  `${game}, ${steps} agent steps × ${rounds} rounds (medians), random actions (sandbox backend: ${measured.full[0]!.backend}), ${loadAverage()}`,
);
console.log(
  `${"python loop".padEnd(21)}${python.rate.toFixed(0)} steps/s  (reference)  CPU ${python.cpu.toFixed(0)} µs/step`,
);
for (const [name, result] of [
  ["bridge", bridge],
  ["bridge+sandbox+agent", full],
  ["floor (bare relay)", floor],
] as const) {
  console.log(
    `${name.padEnd(21)}${result.rate.toFixed(0)} steps/s  ratio ${(result.rate / python.rate).toFixed(3)}  overhead ${overhead(result.rate)} µs/step  ` +
      `CPU ${result.cpu.toFixed(0)} µs/step (driver ${result.driverCpu.toFixed(0)})  CPU ratio ${(python.cpu / result.cpu).toFixed(3)}`,
  );
}
console.log(
  `bridge+sandbox+agent runs at ${(full.rate / floor.rate).toFixed(3)} of the floor (${overhead(full.rate)} vs ${overhead(floor.rate)} µs/step over the Python loop)`,
);
