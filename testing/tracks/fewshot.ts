/** Helpers for tests that run the few-shot driver against a real sandbox. */
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { fewshotSpecSchema } from "@/lib/benchmark-spec";
import { launchSandbox, type LaunchOptions, type SandboxSession } from "@/evaluator/sandbox";
import type { TestBundle } from "@/testing/sandbox/harness";
import type { ResultRow } from "@/evaluator/tracks/types";
import { runFewshotUnit } from "@/evaluator/tracks/fewshot/driver";

/** 5-way 1-shot, 15 queries, a handful of episodes per partition. */
export function smallSpec(episodes = 4): FewshotSpec {
  return fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: { source: "glyphs", version: 1 },
    ways: 5,
    shots: 1,
    queries: 15,
    partitions: { public: { episodes, seed: 11 }, private: { episodes, seed: 12 } },
    kinds: ["embedding", "learner"],
    limits: { wallSeconds: 120, memoryMb: 1024, callSeconds: 30 },
  });
}

export type UnitRun = {
  rows?: ResultRow[];
  error?: unknown;
  progress: { done: number; total: number }[];
  /** Every sandbox's log, joined. */
  log: string;
  /** Each sandbox's log: the run's first, then the replays' (isolation: task) in the order they started. */
  logs: string[];
};

/**
 * Launches `bundle` in a real sandbox, runs one partition of `spec` through the driver (with real sandboxes for the
 * replays of isolation: task), and closes them all. `wrap` sees the requests to every sandbox.
 */
export async function runUnitInSandbox(
  bundle: TestBundle,
  spec: FewshotSpec,
  options: {
    partition?: "public" | "private";
    wrap?: (session: SandboxSession) => SandboxSession["request"];
    datasetsDir?: string;
    /** The TF.js backend (default cpu, the tests' reference), and a built tfjs-node package for "auto"/"tensorflow". */
    backend?: LaunchOptions["backend"];
    tfjsNodePath?: string;
  } = {},
): Promise<UnitRun> {
  const { backend = "cpu", tfjsNodePath } = options;
  const launch = () => launchSandbox({ bundleDir: bundle.dir, limits: spec.limits, backend, tfjsNodePath });
  const session = await launch();
  const later: SandboxSession[] = [];
  const partition = options.partition ?? "public";
  const progress: UnitRun["progress"] = [];
  const requestOf = (sandbox: SandboxSession) => options.wrap?.(sandbox) ?? sandbox.request.bind(sandbox);
  const logs = () => [session, ...later].map((s) => s.log());
  try {
    const rows = await runFewshotUnit({
      spec,
      unit: { key: partition, partition },
      manifest: bundle.manifest,
      session: { request: requestOf(session) },
      startSession: async () => {
        const sandbox = await launch();
        later.push(sandbox);
        return { request: requestOf(sandbox), close: () => sandbox.close() };
      },
      closeSession: () => session.close(),
      onProgress: (p) => progress.push(p),
      signal: new AbortController().signal,
      datasetsDir: options.datasetsDir,
    });
    await closeAll([session, ...later]);
    return { rows, progress, log: logs().join(""), logs: logs() };
  } catch (error) {
    await closeAll([session, ...later]);
    return { error, progress, log: logs().join(""), logs: logs() };
  }
}

async function closeAll(sandboxes: SandboxSession[]) {
  for (const sandbox of sandboxes) await sandbox.close();
}
