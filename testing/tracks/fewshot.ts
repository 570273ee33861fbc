/** Helpers for tests that run the few-shot driver against a real sandbox. */
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { fewshotSpecSchema } from "@/lib/benchmark-spec";
import { launchSandbox, type SandboxSession } from "@/evaluator/sandbox";
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

export type UnitRun = { rows?: ResultRow[]; error?: unknown; progress: { done: number; total: number }[]; log: string };

/** Launches `bundle` in a real sandbox, runs one partition of `spec` through the driver, and closes the sandbox. */
export async function runUnitInSandbox(
  bundle: TestBundle,
  spec: FewshotSpec,
  options: {
    partition?: "public" | "private";
    wrap?: (session: SandboxSession) => SandboxSession["request"];
    datasetsDir?: string;
    backend?: "cpu" | "wasm";
  } = {},
): Promise<UnitRun> {
  const session = await launchSandbox({
    bundleDir: bundle.dir,
    limits: spec.limits,
    backend: options.backend ?? "cpu",
  });
  const partition = options.partition ?? "public";
  const progress: UnitRun["progress"] = [];
  const request = options.wrap?.(session) ?? session.request.bind(session);
  try {
    const rows = await runFewshotUnit({
      spec,
      unit: { key: partition, partition },
      manifest: bundle.manifest,
      session: { request },
      onProgress: (p) => progress.push(p),
      signal: new AbortController().signal,
      datasetsDir: options.datasetsDir,
    });
    return { rows, progress, log: session.log() };
  } catch (error) {
    return { error, progress, log: session.log() };
  } finally {
    await session.close();
  }
}
