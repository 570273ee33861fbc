/** Helpers for tests that drive a real sandbox with small bundles written on the fly. */
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SandboxLimits } from "@/lib/benchmark-spec";
import { MANIFEST_FILE, manifestSchema, type Manifest } from "@/evaluator/protocol/manifest";
import { UserCodeError } from "@/lib/core/errors";
import type { Frame, WireTensors } from "@/evaluator/protocol/framing";
import type { FewshotTask } from "@/evaluator/protocol/messages";
import { testBackend } from "@/testing/backends/test-backend";
import { launchSandbox, type LaunchOptions } from "@/evaluator/sandbox/launch";
import type { SandboxExit, SandboxSession } from "@/evaluator/sandbox/session";

export const TEST_LIMITS: SandboxLimits = { wallSeconds: 120, memoryMb: 1024, callSeconds: 30 };

export type TestBundle = { dir: string; manifest: Manifest; remove(): Promise<void> };

/**
 * Writes a bundle into a fresh temporary directory, readable by the unprivileged sandbox uid
 * (mkdtemp creates 0700 directories, which that uid could not enter).
 */
export async function writeBundle(manifest: unknown, files: Record<string, string | Uint8Array>): Promise<TestBundle> {
  const parsed = manifestSchema.parse(manifest);
  const root = await mkdtemp(path.join(os.tmpdir(), "heldout-sandbox-test-"));
  await chmod(root, 0o755);
  const dir = path.join(root, "bundle");
  await mkdir(dir, { mode: 0o755 });
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(parsed), { mode: 0o644 });
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
    await writeFile(file, contents, { mode: 0o644 });
  }
  return { dir, manifest: parsed, remove: () => rm(root, { recursive: true, force: true }) };
}

/** A `learner` bundle whose entry module is `source`. */
export function learnerBundle(source: string, options: Record<string, unknown> = {}): Promise<TestBundle> {
  return writeBundle(
    { name: "test-learner", track: "fewshot", kind: "learner", entry: "learner.mjs", options },
    { "learner.mjs": source },
  );
}

export function fewshotTask(
  ways = 3,
  shots = 2,
  queries = 2,
  imageShape: [number, number, number] = [4, 4, 1],
): FewshotTask {
  return { track: "fewshot", ways, shots, queries, imageShape };
}

/**
 * A deterministic episode: class k's images are filled with the value (k+1)/(ways+1) plus a little per-image
 * variation, so a nearest-prototype rule separates the classes perfectly. Returns the query labels for checking.
 */
export function syntheticEpisode(task: FewshotTask): { tensors: WireTensors; queryLabels: number[] } {
  const [h, w, c] = task.imageShape;
  const pixels = h * w * c;
  const make = (labels: number[]) => {
    const data = new Float32Array(labels.length * pixels);
    labels.forEach((label, i) =>
      data.fill((label + 1) / (task.ways + 1) + ((i % 3) - 1) * 0.01, i * pixels, (i + 1) * pixels),
    );
    return data;
  };
  const supportLabels = Array.from({ length: task.ways * task.shots }, (_, i) => i % task.ways);
  const queryLabels = Array.from({ length: task.ways * task.queries }, (_, i) => (i * 2 + 1) % task.ways);
  return {
    queryLabels,
    tensors: {
      supportImages: { dtype: "float32", shape: [supportLabels.length, h, w, c], data: make(supportLabels) },
      supportLabels: { dtype: "int32", shape: [supportLabels.length], data: Int32Array.from(supportLabels) },
      queryImages: { dtype: "float32", shape: [queryLabels.length, h, w, c], data: make(queryLabels) },
    },
  };
}

export type EpisodeRun = { error: unknown; frame: Frame | undefined; session: SandboxSession; exit: SandboxExit };

/**
 * Launches the bundle, sends init and one episode, and closes: the error the session raised, if any, and how it ended.
 * The backend is HELDOUT_TEST_BACKEND's (cpu by default), so the hostile-code tests run on each backend in turn.
 */
export async function runOneEpisode(bundle: TestBundle, options: Partial<LaunchOptions> = {}): Promise<EpisodeRun> {
  const session = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, ...testBackend(), ...options });
  const task = fewshotTask();
  let frame: Frame | undefined;
  let error: unknown;
  try {
    await session.request({ type: "init", manifest: bundle.manifest, task });
    frame = await session.request({ type: "episode", index: 0, ways: task.ways }, syntheticEpisode(task).tensors);
  } catch (caught) {
    error = caught;
  }
  const exit = await session.close();
  return { error, frame, session, exit };
}

/** Asserts that `run` failed with a UserCodeError of `reason` whose message matches `message`. */
export function assertFailure(run: EpisodeRun, reason: string, message: RegExp): UserCodeError {
  assert.ok(
    run.error instanceof UserCodeError,
    `expected a UserCodeError, got ${String(run.error)}\n${run.session.log()}`,
  );
  assert.equal(run.error.reason, reason, `${run.error.message}\n${run.session.log()}`);
  assert.match(run.error.message, message);
  assert.equal(run.exit.failure, run.error);
  return run.error;
}

/** After hostile code, the host must still start a fresh sandbox and get predictions from it. */
export async function assertSandboxStillWorks(): Promise<void> {
  const bundle = await learnerBundle(
    "export default ({ tf, task }) => ({ adapt() {}, predict: ({ images }) => tf.fill([images.shape[0], task.ways], 1 / task.ways) });",
  );
  try {
    const run = await runOneEpisode(bundle);
    assert.equal(run.error, undefined, String(run.error));
    assert.equal(run.session.hello.backend, testBackend().backend);
    assert.deepEqual(run.frame?.tensors.probabilities?.shape, [6, 3]);
    assert.equal(run.exit.failure, undefined);
  } finally {
    await bundle.remove();
  }
}
