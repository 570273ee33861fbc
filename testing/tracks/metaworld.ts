/** Helpers for tests of the Meta-World track on the real metaworld with small budgets. */
import type { SandboxLimits } from "@/lib/benchmark-spec";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import type { FrameHeader, WireTensors } from "@/evaluator/protocol/framing";
import { testBackend } from "@/testing/backends/test-backend";
import { launchSandbox, type SandboxSession } from "@/evaluator/sandbox";
import { writeBundle } from "@/testing/sandbox/harness";
import type { ResultRow } from "@/evaluator/tracks/types";
import { runMetaWorldUnit, type MetaWorldUnitHooks } from "@/evaluator/tracks/metaworld/driver";
import { inProcessSession, type MetaWorldAgentFactory } from "@/evaluator/tracks/metaworld/local-agent";
import { metaworldManifestSchema, type MetaWorldManifest } from "@/evaluator/tracks/metaworld/definition/manifest";
import { metaworldSpecSchema, type MetaWorldSpec } from "@/evaluator/tracks/metaworld/definition/spec";
import type { MetaWorldTask } from "@/evaluator/tracks/metaworld/definition/tasks";
import { unitKey } from "@/evaluator/tracks/metaworld/definition/units";

/** A spec with small budgets: 1 goal, 1 adaptation and 1 evaluation episode of 20 steps. */
export function smallSpec(overrides: Partial<MetaWorldSpec> = {}): MetaWorldSpec {
  return metaworldSpecSchema.parse({
    track: "metaworld",
    benchmark: "ML1",
    task: "reach-v3",
    partitions: { public: { seeds: [1] }, private: { seeds: [2] } },
    goalsPerTask: 1,
    adaptationEpisodes: 1,
    evaluationEpisodes: 1,
    maxEpisodeSteps: 20,
    kinds: ["agent"],
    ...overrides,
  });
}

/** Runs one (task, seed) unit of `spec` with an in-process agent. */
export function runWithAgent(
  spec: MetaWorldSpec,
  task: MetaWorldTask,
  seed: number,
  factory: MetaWorldAgentFactory,
  hooks: MetaWorldUnitHooks & {
    options?: Record<string, unknown>;
    onProgress?(p: { done: number; total: number }): void;
  } = {},
): Promise<ResultRow[]> {
  return runMetaWorldUnit(
    {
      spec,
      unit: { key: unitKey(task, { seed }), partition: "public" },
      manifest: metaworldManifestSchema.parse({
        name: "test-agent",
        track: "metaworld",
        kind: "agent",
        entry: "agent.mjs",
        options: hooks.options ?? {},
      }),
      session: inProcessSession(factory, hooks.options),
      // isolation: task — a new agent from the factory per goal (in process, so only the instance is fresh).
      startSession: async () => ({ ...inProcessSession(factory, hooks.options), close: async () => undefined }),
      onProgress: hooks.onProgress ?? (() => undefined),
      signal: new AbortController().signal,
    },
    hooks,
  );
}

export type MetaWorldTestBundle = { dir: string; manifest: MetaWorldManifest; remove(): Promise<void> };

/** A Meta-World bundle in a temporary directory readable by the sandbox uid, its manifest typed for Meta-World. */
export async function metaworldBundle(
  manifest: unknown,
  files: Record<string, string | Uint8Array> = {},
): Promise<MetaWorldTestBundle> {
  const parsed = metaworldManifestSchema.parse(manifest);
  return { ...(await writeBundle(parsed, files)), manifest: parsed };
}

/** An `agent` bundle whose entry module is `source`. */
export function metaworldAgentBundle(
  source: string,
  options: Record<string, unknown> = {},
): Promise<MetaWorldTestBundle> {
  return metaworldBundle(
    { name: "test-agent", track: "metaworld", kind: "agent", entry: "agent.mjs", options },
    { "agent.mjs": source },
  );
}

export const SANDBOX_TEST_LIMITS: SandboxLimits = { wallSeconds: 300, memoryMb: 1024, callSeconds: 30 };

export type SandboxRun = { rows: ResultRow[] | undefined; error: unknown; log: string; sent: FrameHeader[] };

/**
 * Runs one (task, seed) unit of `spec` with the bundle in a real sandbox (backend: HELDOUT_TEST_BACKEND's), closes
 * it, and returns the rows or the error, the sandbox's log and every message the driver sent (headers only).
 */
export async function runInSandbox(
  spec: MetaWorldSpec,
  task: MetaWorldTask,
  seed: number,
  bundle: { dir: string; manifest: unknown },
): Promise<SandboxRun> {
  const launch = () =>
    launchSandbox({
      bundleDir: bundle.dir,
      limits: { ...SANDBOX_TEST_LIMITS, callSeconds: spec.limits.callSeconds },
      ...testBackend(),
    });
  const session: SandboxSession = await launch();
  const sent: FrameHeader[] = [];
  const logs: string[] = [];
  const record = (sandbox: SandboxSession) => ({
    request(message: FrameHeader, tensors?: WireTensors, options?: { timeoutMs?: number }) {
      sent.push(message);
      return sandbox.request(message, tensors, options);
    },
    async close() {
      await sandbox.close();
      logs.push(sandbox.log());
    },
  });
  let rows: ResultRow[] | undefined;
  let error: unknown;
  try {
    rows = await runMetaWorldUnit({
      spec,
      unit: { key: unitKey(task, { seed }), partition: "public" },
      manifest: manifestSchema.parse(bundle.manifest),
      session: record(session),
      startSession: async () => record(await launch()),
      onProgress() {},
      signal: new AbortController().signal,
    });
  } catch (caught) {
    error = caught;
  }
  await session.close();
  return { rows, error, log: [session.log(), ...logs].join(""), sent };
}
