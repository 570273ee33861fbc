/**
 * The Meta-World benchmark spec (track "metaworld"). It joins lib/benchmark-spec.ts's union once wired in there.
 * Units: every test task × every seed of a partition. A seed draws the task's goals (metaworld's generator) and seeds
 * the simulator, so the public and private partitions (disjoint seeds) score the same tasks on goals nobody has seen.
 */
import { z } from "zod";
import { sandboxLimitsSchema } from "../../../lib/benchmark-spec";
import { GOALS_PER_DRAW, MAX_EPISODE_STEPS, METAWORLD_BENCHMARK_NAMES, METAWORLD_TASKS, ML10_TEST_TASKS, ML45_TEST_TASKS, MT10_TASKS, type MetaWorldTask } from "./tasks";

const seed = z.number().int().min(0).max(2 ** 31 - 2);
const seeds = z.array(seed).refine((list) => new Set(list).size === list.length, "seeds must not repeat");

export const metaworldSpecSchema = z
  .object({
    track: z.literal("metaworld"),
    /** Version of the meta-test protocol (README.md); a change to it is a new version. */
    protocol: z.literal("metaworld-meta-test/v1").default("metaworld-meta-test/v1"),
    benchmark: z.enum(METAWORLD_BENCHMARK_NAMES),
    /** The ML1 task (required for ML1, absent otherwise). */
    task: z.enum(METAWORLD_TASKS).optional(),
    partitions: z.object({ public: z.object({ seeds: seeds.min(1) }).strict(), private: z.object({ seeds }).strict() }).strict(),
    /** Goals per (test task, seed); the reference meta-test uses 40. */
    goalsPerTask: z.number().int().min(1).max(GOALS_PER_DRAW).default(40),
    /** Episodes with rewards before the agent is told adaptation ended (the reference: 10). */
    adaptationEpisodes: z.number().int().min(0).max(100).default(10),
    /** Scored episodes after adaptation, rewards withheld (the reference: 3). */
    evaluationEpisodes: z.number().int().min(1).max(100).default(3),
    /** Steps per episode (Meta-World: 500); smaller only for tests. */
    maxEpisodeSteps: z.number().int().min(1).max(MAX_EPISODE_STEPS).default(MAX_EPISODE_STEPS),
    kinds: z.array(z.enum(["agent", "policy"])).min(1),
    limits: sandboxLimitsSchema.default({ wallSeconds: 6 * 3600, memoryMb: 4096, callSeconds: 60 }),
  })
  .strict()
  .refine((spec) => (spec.benchmark === "ML1") === (spec.task !== undefined), {
    message: "task is required for ML1 and not allowed for the other benchmarks",
    path: ["task"],
  })
  .refine((spec) => !spec.partitions.private.seeds.some((s) => spec.partitions.public.seeds.includes(s)), {
    message: "public and private seeds must differ",
    path: ["partitions", "private", "seeds"],
  });

export type MetaWorldSpec = z.infer<typeof metaworldSpecSchema>;

/** The tasks a spec scores, and the metaworld split their goals come from. */
export function testTasks(spec: Pick<MetaWorldSpec, "benchmark" | "task">): { split: "train" | "test"; tasks: readonly MetaWorldTask[] } {
  switch (spec.benchmark) {
    case "ML1":
      return { split: "test", tasks: [spec.task!] };
    case "ML10":
      return { split: "test", tasks: ML10_TEST_TASKS };
    case "ML45":
      return { split: "test", tasks: ML45_TEST_TASKS };
    case "MT10":
      return { split: "train", tasks: MT10_TASKS };
  }
}

/** ML benchmarks hide the goal from the agent; MT10 shows it. */
export function goalHidden(spec: Pick<MetaWorldSpec, "benchmark">): boolean {
  return spec.benchmark !== "MT10";
}
