/** Helpers for tests of the Meta-World track on the real metaworld with small budgets. */
import type { ResultRow } from "../types";
import { runMetaWorldUnit, type MetaWorldUnitHooks } from "./driver";
import { inProcessSession, type MetaWorldAgentFactory } from "./local-agent";
import { metaworldSpecSchema, type MetaWorldSpec } from "./spec";
import type { MetaWorldTask } from "./tasks";
import { unitKey } from "./units";

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
  hooks: MetaWorldUnitHooks & { options?: Record<string, unknown>; onProgress?(p: { done: number; total: number }): void } = {},
): Promise<ResultRow[]> {
  return runMetaWorldUnit(
    {
      spec,
      unit: { key: unitKey(task, seed), partition: "public" },
      manifest: { name: "test-agent", track: "metaworld", kind: "agent", entry: "agent.mjs", options: hooks.options ?? {} },
      session: inProcessSession(factory, hooks.options),
      onProgress: hooks.onProgress ?? (() => undefined),
      signal: new AbortController().signal,
    },
    hooks,
  );
}
