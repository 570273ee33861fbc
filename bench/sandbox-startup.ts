/**
 * Sandbox start-up cost: median time from spawn to the runtime's `hello`, and to `ready` for a small embedding
 * bundle, through the bubblewrap sandbox vs. the same runtime started as a plain `node` process (no bwrap, no
 * cgroup, no uid change), in the same run.
 * Usage: tsx bench/sandbox-startup.ts [repetitions=10] [backend=auto|tensorflow|wasm|cpu]
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { Readable, Writable } from "node:stream";
import { FrameChannel } from "@/evaluator/protocol/channel";
import { parseMessage, readyMessageSchema } from "@/evaluator/protocol/messages";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { ensureRuntimeBuilt } from "@/evaluator/runtime/build";
import { launchSandbox } from "@/evaluator/sandbox";
import { fewshotTask, TEST_LIMITS, writeBundle } from "@/testing/sandbox/harness";
import { tinyEmbeddingModel } from "@/testing/models/tiny-models";

type Backend = "auto" | "tensorflow" | "wasm" | "cpu";
type Timing = { hello: number; ready: number; backend: string };

const repetitions = Number(process.argv[2] ?? 10);
const backend = (process.argv[3] ?? "auto") as Backend;
const task = fewshotTask(5, 1, 15, [28, 28, 1]);
/** Offered to both starts when built, as the worker does; "auto" then picks it. */
const tfjsNodePath = findNativeTfjs()?.path;

async function sandboxed(bundleDir: string, manifest: unknown): Promise<Timing> {
  const start = performance.now();
  const session = await launchSandbox({ bundleDir, limits: TEST_LIMITS, backend, tfjsNodePath });
  const hello = performance.now() - start;
  await session.request({ type: "init", manifest, task });
  const ready = performance.now() - start;
  await session.close();
  return { hello, ready, backend: session.hello.backend };
}

async function plain(runtimeFile: string, bundleDir: string, manifest: unknown): Promise<Timing> {
  const start = performance.now();
  const args = [
    runtimeFile,
    `--backend=${backend}`,
    `--bundle=${bundleDir}`,
    ...(tfjsNodePath ? [`--tfjs-node=${tfjsNodePath}`] : []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "ignore", "inherit", "pipe", "pipe"],
  });
  const channel = new FrameChannel({ input: child.stdio[4] as Readable, output: child.stdio[3] as Writable });
  const helloFrame = await channel.receive();
  const hello = performance.now() - start;
  await channel.send({ type: "init", manifest, task });
  parseMessage(readyMessageSchema, (await channel.receive())!);
  const ready = performance.now() - start;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await channel.send({ type: "shutdown" });
  await exited;
  return { hello, ready, backend: String(helloFrame?.header.backend) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const { files } = await tinyEmbeddingModel(task.imageShape);
const bundle = await writeBundle(
  { name: "bench-embedding", track: "fewshot", kind: "embedding", model: "model/model.json" },
  files,
);
const runtimeFile = await ensureRuntimeBuilt();
try {
  // One untimed start of each, so both measure a warm page cache.
  await sandboxed(bundle.dir, bundle.manifest);
  await plain(runtimeFile, bundle.dir, bundle.manifest);
  const sandbox: Timing[] = [];
  const direct: Timing[] = [];
  for (let i = 0; i < repetitions; i++) {
    sandbox.push(await sandboxed(bundle.dir, bundle.manifest));
    direct.push(await plain(runtimeFile, bundle.dir, bundle.manifest));
  }
  const row = (label: string, timings: Timing[]) =>
    `${label.padEnd(10)} hello ${median(timings.map((t) => t.hello))
      .toFixed(0)
      .padStart(6)} ms   ready ${median(timings.map((t) => t.ready))
      .toFixed(0)
      .padStart(6)} ms   (backend ${timings[0]!.backend})`;
  console.log(`sandbox start-up, median of ${repetitions} (embedding bundle, ${task.imageShape.join("x")} images)`);
  console.log(row("sandbox", sandbox));
  console.log(row("plain", direct));
  const ratio = (key: "hello" | "ready") => median(sandbox.map((t) => t[key])) / median(direct.map((t) => t[key]));
  console.log(`ratio sandbox/plain: hello ${ratio("hello").toFixed(2)}x, ready ${ratio("ready").toFixed(2)}x`);
} finally {
  await bundle.remove();
}
