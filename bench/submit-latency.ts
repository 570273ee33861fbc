/**
 * Submit-to-scored latency: acceptSubmission of a small learner bundle (two units of few episodes) until the worker
 * marks it scored, against a real embedded PostgreSQL, pg-boss and the real sandbox; N runs, median.
 * Reference in the same run: the bare evaluation of the same units (unpack, sandbox, driver) with no queue or DB.
 * Prints both medians and their ratio (the platform's overhead per submission).
 * Usage: npx tsx bench/submit-latency.ts [--runs N] [--episodes E]
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openBundle } from "@/evaluator/bundle";
import { launchSandbox, type SandboxSession } from "@/evaluator/sandbox";
import { trackFor } from "@/evaluator/tracks/runners";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { makeReadable } from "@/evaluator/worker/readable";
import { getConfig } from "@/lib/config";
import { subscribe } from "@/lib/events";
import { acceptSubmission } from "@/lib/submissions/accept";
import { createTestPlatform, learnerFiles, packFiles, UNIFORM_LEARNER } from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";
import { startTestWorker } from "@/testing/platform/worker";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, episodes: { type: "string", default: "5" } },
});
const runs = Number(values.runs);
const episodes = Number(values.episodes);
const spec = smallFewshotSpec({ partitions: { public: { episodes, seed: 1 }, private: { episodes, seed: 2 } } });
const backend = getConfig().backend;
const native = findNativeTfjs();

const platform = await createTestPlatform();
const upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
const user = await createUser(platform.db, { email: "bench@example.org" });
await createBenchmark(platform.db, { slug: "latency", spec });
const worker = await startTestWorker(platform, {
  heartbeatSeconds: 3, // a deployed worker's beat: the figure is the real one
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Submission → scored, timed by the NOTIFY the worker sends when it scores. */
async function submitOnce(): Promise<number> {
  let resolveScored!: () => void;
  let wanted = "";
  const scored = new Promise<void>((resolve) => (resolveScored = resolve));
  const stop = await subscribe(platform.sql, (event) => {
    if (event.submissionId === wanted && (event.status === "scored" || event.status === "failed")) resolveScored();
  });
  const started = performance.now();
  wanted = (
    await acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user,
      benchmarkSlug: "latency",
      upload,
    })
  ).submissionId;
  await scored;
  const elapsed = performance.now() - started;
  await stop();
  return elapsed;
}

/** The same units evaluated directly: unpack, sandbox, driver; no queue, no database. */
async function bareOnce(): Promise<number> {
  const started = performance.now();
  const track = trackFor(spec);
  for (const unit of track.planUnits(spec)) {
    const bundle = await openBundle({ path: upload.path });
    await makeReadable(bundle.dir);
    const launch = () =>
      launchSandbox({ bundleDir: bundle.dir, limits: spec.limits, backend, tfjsNodePath: native?.path });
    const session = await launch();
    // As the worker does: further sandboxes for isolation: task (the few-shot replays of a learner's episodes).
    const later: SandboxSession[] = [];
    const startSession = async () => {
      const sandbox = await launch();
      later.push(sandbox);
      return sandbox;
    };
    const signal = new AbortController().signal;
    const closeSession = () => session.close();
    const { manifest } = bundle;
    await track.runUnit({ spec, unit, manifest, session, startSession, closeSession, onProgress: () => {}, signal });
    for (const sandbox of [session, ...later]) await sandbox.close();
    await bundle.close();
  }
  return performance.now() - started;
}

await submitOnce(); // warm-up: runtime build, caches
await bareOnce();
const platformMs: number[] = [];
const bareMs: number[] = [];
for (let i = 0; i < runs; i++) {
  platformMs.push(await submitOnce());
  bareMs.push(await bareOnce());
}
await worker.stop({ timeoutMs: 1000 });
fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
await platform.close();

const p = median(platformMs);
const b = median(bareMs);
console.log(
  `submit-latency: ${runs} runs, 2 units × ${episodes} episodes (5-way 1-shot, 3 queries), backend ${backend}${native ? ` (native ${native.kind} available)` : ""}`,
);
console.log(
  `  submit → scored (queue + worker + DB), median: ${p.toFixed(0)} ms   [${platformMs.map((x) => x.toFixed(0)).join(", ")}]`,
);
console.log(
  `  bare evaluation (reference),          median: ${b.toFixed(0)} ms   [${bareMs.map((x) => x.toFixed(0)).join(", ")}]`,
);
console.log(`  ratio platform / bare: ${(p / b).toFixed(3)}  (overhead ${(p - b).toFixed(0)} ms per submission)`);
