import { z } from "zod";
import { METAWORLD_BENCHMARK_NAMES } from "../evaluator/protocol/messages";
import { METAWORLD_OBSERVATIONS, type MetaWorldObservation } from "../evaluator/protocol/metaworld-observation";

const partitionSpec = z
  .object({
    episodes: z.number().int().min(1).max(100_000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict();

/**
 * The private partition names only its size: its seed is drawn per installation when the version is created and kept
 * server-side (lib/private-seeds.ts). Versions stored before that carry the seed in the spec, as the public partition
 * does, and keep evaluating with it.
 */
const privatePartitionSpec = z.union([
  partitionSpec,
  z.object({ episodes: z.number().int().min(1).max(100_000) }).strict(),
]);

/** Where a few-shot benchmark's images come from. */
export const fewshotDatasetSchema = z.discriminatedUnion("source", [
  /** The built-in procedurally generated glyphs (synthetic, Omniglot-like). */
  z.object({ source: z.literal("glyphs"), version: z.literal(1) }).strict(),
  /** A dataset imported into the datasets directory (`heldout import`), read by the trusted driver only. */
  z
    .object({
      source: z.literal("store"),
      /** The store's name: "omniglot", "cifar100", or an organizer's folder dataset. */
      store: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "store: lowercase letters, digits and '-'"),
      /** Which classes are meta-train / meta-val / meta-test: a standard split ("omniglot-vinyals", "cifar-fs", "fc100") or one imported with the store. */
      split: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "split: lowercase letters, digits and '-'"),
      /** Each class also appears rotated by 90, 180 and 270 degrees as three more classes (Omniglot). */
      rotations: z.boolean().default(false),
      /** sha256 of the store's images: a re-import with other pixels is refused rather than silently scored. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256: 64 lowercase hex digits"),
      /** Applied to the [0, 1] pixels before they are sent: (x − mean[c]) / std[c], one entry per channel. */
      normalization: z
        .object({ mean: z.array(z.number()).min(1).max(4), std: z.array(z.number().positive()).min(1).max(4) })
        .strict()
        .refine((n) => n.mean.length === n.std.length, {
          message: "mean and std need one entry per channel each",
          path: ["std"],
        })
        .optional(),
    })
    .strict(),
]);

export const sandboxLimitsSchema = z
  .object({
    /** Wall-clock deadline for one unit. */
    wallSeconds: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 3600)
      .default(600),
    /** Memory (address space and cgroup) for the sandboxed runtime. */
    memoryMb: z.number().int().min(256).max(262_144).default(4096),
    /** Per-call deadline for one protocol request (an episode, a step). */
    callSeconds: z.number().min(0.1).max(3600).default(60),
    /** What the units need: "gpu" units wait in the GPU queues (lib/queue.ts) for a worker that takes them. */
    device: z.enum(["cpu", "gpu"]).optional(),
  })
  .strict();

export const fewshotSpecSchema = z
  .object({
    track: z.literal("fewshot"),
    dataset: fewshotDatasetSchema,
    ways: z.number().int().min(2).max(100),
    shots: z.number().int().min(1).max(100),
    queries: z.number().int().min(1).max(100),
    partitions: z.object({ public: partitionSpec, private: privatePartitionSpec }).strict(),
    kinds: z.array(z.enum(["embedding", "finetune", "learner"])).min(1),
    /**
     * What a learner's answers may depend on. `task`: each episode's support set, query images and the bundle as
     * submitted, nothing else; checked by replaying `replays` episodes, drawn secretly after the run, each in a fresh
     * sandbox (`Math.random`, and so TF.js's unseeded randomness, seeded per episode), failing the submission when a
     * replay answers otherwise. `partition`: one sandbox answers every episode of a partition and may keep what it
     * saw, as versions stored before the field did (migration 0012 says so explicitly). The no-code kinds are applied
     * per episode by the evaluator's own code: independent either way.
     */
    isolation: z.enum(["task", "partition"]).default("task"),
    /** Episodes replayed in fresh sandboxes under `isolation: task` (all of them when the partition is smaller). */
    replays: z.number().int().min(1).max(1000).default(8),
    limits: sandboxLimitsSchema.default({ wallSeconds: 600, memoryMb: 4096, callSeconds: 60 }),
  })
  .strict();

/** The 26 games of Atari 100K (their random and human scores: evaluator/tracks/atari/games.ts). */
export const ATARI_GAME_NAMES = [
  "Alien",
  "Amidar",
  "Assault",
  "Asterix",
  "BankHeist",
  "BattleZone",
  "Boxing",
  "Breakout",
  "ChopperCommand",
  "CrazyClimber",
  "DemonAttack",
  "Freeway",
  "Frostbite",
  "Gopher",
  "Hero",
  "Jamesbond",
  "Kangaroo",
  "Krull",
  "KungFuMaster",
  "MsPacman",
  "Pong",
  "PrivateEye",
  "Qbert",
  "RoadRunner",
  "Seaquest",
  "UpNDown",
] as const;
export type AtariGame = (typeof ATARI_GAME_NAMES)[number];

const seedList = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  )
  .refine((list) => new Set(list).size === list.length, "seeds must not repeat");

/** A private partition of runs: how many (their seeds secret, lib/private-seeds.ts), or, in versions stored before, the seeds. */
function privateRuns(seeds: z.ZodType<number[]>) {
  return z.union([z.object({ seeds }).strict(), z.object({ runs: z.number().int().min(0).max(100) }).strict()]);
}

/** Whether explicit private seeds repeat a public one (secret seeds are drawn apart from the public ones). */
function privateSeedsOverlap(partitions: {
  public: { seeds: number[] };
  private: { seeds: number[] } | { runs: number };
}): boolean {
  return "seeds" in partitions.private && partitions.private.seeds.some((s) => partitions.public.seeds.includes(s));
}

/**
 * Atari 100K. Units: every game × every seed of a partition. The public and private partitions play the same games
 * with different seeds (disjoint), so the private scores measure the same thing on runs nobody has seen.
 */
export const atariSpecSchema = z
  .object({
    track: z.literal("atari"),
    /** Version of the environment protocol (evaluator/tracks/atari/settings.ts); a change to it is a new version. */
    protocol: z.literal("atari-100k/v1").default("atari-100k/v1"),
    games: z
      .array(z.enum(ATARI_GAME_NAMES))
      .min(1)
      .refine((list) => new Set(list).size === list.length, "games must not repeat"),
    partitions: z
      .object({ public: z.object({ seeds: seedList.min(1) }).strict(), private: privateRuns(seedList) })
      .strict(),
    /** Agent steps of learning (frame skip 4: 100,000 steps = 400,000 frames). */
    learningSteps: z.number().int().min(1).max(100_000).default(100_000),
    /** Evaluation episodes per (game, seed) after learning; rewards are withheld from the agent. */
    evalEpisodes: z.number().int().min(1).max(1000).default(100),
    kinds: z.array(z.enum(["agent", "policy"])).min(1),
    limits: sandboxLimitsSchema.default({ wallSeconds: 6 * 3600, memoryMb: 4096, callSeconds: 60 }),
  })
  .strict()
  .refine((spec) => !privateSeedsOverlap(spec.partitions), {
    message: "public and private seeds must differ",
    path: ["partitions", "private", "seeds"],
  });

/** The 50 Meta-World v3 tasks (the benchmarks' train/test lists: evaluator/tracks/metaworld/tasks.ts). */
export const METAWORLD_TASKS = [
  "assembly-v3",
  "basketball-v3",
  "bin-picking-v3",
  "box-close-v3",
  "button-press-topdown-v3",
  "button-press-topdown-wall-v3",
  "button-press-v3",
  "button-press-wall-v3",
  "coffee-button-v3",
  "coffee-pull-v3",
  "coffee-push-v3",
  "dial-turn-v3",
  "disassemble-v3",
  "door-close-v3",
  "door-lock-v3",
  "door-open-v3",
  "door-unlock-v3",
  "hand-insert-v3",
  "drawer-close-v3",
  "drawer-open-v3",
  "faucet-open-v3",
  "faucet-close-v3",
  "hammer-v3",
  "handle-press-side-v3",
  "handle-press-v3",
  "handle-pull-side-v3",
  "handle-pull-v3",
  "lever-pull-v3",
  "pick-place-wall-v3",
  "pick-out-of-hole-v3",
  "pick-place-v3",
  "plate-slide-v3",
  "plate-slide-side-v3",
  "plate-slide-back-v3",
  "plate-slide-back-side-v3",
  "peg-insert-side-v3",
  "peg-unplug-side-v3",
  "soccer-v3",
  "stick-push-v3",
  "stick-pull-v3",
  "push-v3",
  "push-wall-v3",
  "push-back-v3",
  "reach-v3",
  "reach-wall-v3",
  "shelf-place-v3",
  "sweep-into-v3",
  "sweep-v3",
  "window-open-v3",
  "window-close-v3",
] as const;
export type MetaWorldTask = (typeof METAWORLD_TASKS)[number];

export { METAWORLD_BENCHMARK_NAMES, METAWORLD_OBSERVATIONS, type MetaWorldObservation };
/** Meta-World's `max_path_length`: the environment refuses a step after it. */
export const MAX_EPISODE_STEPS = 500;
/** metaworld draws 50 goals (object/target positions) per task and seed. */
export const GOALS_PER_DRAW = 50;
/**
 * Where a unit's goals come from (evaluator/envs/python/metaworld_env.py). `official-v1`: the Tasks of the official
 * benchmark object for the seed (`metaworld.ML10(seed).test_tasks`, ...; the shipped seeds pinned in
 * official-goals.json). `per-task-v1`: metaworld's generator for the one task class alone, equal to the official
 * goals only for a split's first task (versions stored before the field existed say so explicitly: migration 0006).
 */
export const METAWORLD_GOAL_SOURCES = ["official-v1", "per-task-v1"] as const;

const metaworldSeeds = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 2),
  )
  .refine((list) => new Set(list).size === list.length, "seeds must not repeat");

/**
 * Meta-World (evaluator/tracks/metaworld/README.md). Units: every test task × every seed of a partition. A seed draws
 * the task's goals (metaworld's generator) and seeds the simulator, so the public and private partitions (disjoint
 * seeds) score the same tasks on goals nobody has seen.
 */
export const metaworldSpecSchema = z
  .object({
    track: z.literal("metaworld"),
    /** Version of the meta-test protocol; a change to it is a new version. */
    protocol: z.literal("metaworld-meta-test/v1").default("metaworld-meta-test/v1"),
    benchmark: z.enum(METAWORLD_BENCHMARK_NAMES),
    /** The ML1 task (required for ML1, absent otherwise). */
    task: z.enum(METAWORLD_TASKS).optional(),
    partitions: z
      .object({ public: z.object({ seeds: metaworldSeeds.min(1) }).strict(), private: privateRuns(metaworldSeeds) })
      .strict(),
    goals: z.enum(METAWORLD_GOAL_SOURCES).default("official-v1"),
    /**
     * What an agent bundle's sandbox spans. `task`: a fresh sandbox per goal, started from the bundle as submitted, so
     * nothing (module state, /tmp, TF.js engine) carries over from the goals before. `partition`: one sandbox plays all
     * the goals of a unit, as versions stored before the field did (migration 0008 says so explicitly). Policies hold
     * no state between calls: independent either way.
     */
    isolation: z.enum(["task", "partition"]).default("task"),
    /**
     * What the agent's observation appends to the environment's 39 numbers (evaluator/protocol/metaworld-observation.ts).
     * `one-hot` (MT benchmarks, their default): the task's one-hot id, as metaworld's multi-task setup gives it.
     * `rl2` (ML benchmarks only): RL²'s previous action, reward / 10 and done flag at every step, evaluation included.
     * `plain`: nothing (ML benchmarks' default; migration 0012 gave it to versions stored before the field, MT10's
     * included, which keep evaluating as they did). A parsed spec always says which.
     */
    observation: z.enum(METAWORLD_OBSERVATIONS).optional(),
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
  .refine((spec) => !privateSeedsOverlap(spec.partitions), {
    message: "public and private seeds must differ",
    path: ["partitions", "private", "seeds"],
  })
  .refine((spec) => spec.observation !== "one-hot" || isMultiTask(spec.benchmark), {
    message: "observation: one-hot is for MT benchmarks (an ML benchmark's held-out tasks are never named)",
    path: ["observation"],
  })
  .refine((spec) => spec.observation !== "rl2" || !isMultiTask(spec.benchmark), {
    message: "observation: rl2 is for ML benchmarks (meta-RL with adaptation episodes)",
    path: ["observation"],
  })
  // The benchmark decides the default, so the field is filled here rather than by .default().
  .overwrite((spec) => ({ ...spec, observation: metaworldObservation(spec) }));

function isMultiTask(benchmark: (typeof METAWORLD_BENCHMARK_NAMES)[number]): boolean {
  return benchmark.startsWith("MT");
}

/** A spec's observation layout: the one it names, or its benchmark's default (MT: one-hot, ML: plain). */
export function metaworldObservation(spec: {
  benchmark: (typeof METAWORLD_BENCHMARK_NAMES)[number];
  observation?: MetaWorldObservation;
}): MetaWorldObservation {
  return spec.observation ?? (isMultiTask(spec.benchmark) ? "one-hot" : "plain");
}

export const benchmarkSpecSchema = z.discriminatedUnion("track", [
  fewshotSpecSchema,
  atariSpecSchema,
  metaworldSpecSchema,
]);

export type BenchmarkSpec = z.infer<typeof benchmarkSpecSchema>;
export type FewshotSpec = z.infer<typeof fewshotSpecSchema>;
export type AtariSpec = z.infer<typeof atariSpecSchema>;
export type MetaWorldSpec = z.infer<typeof metaworldSpecSchema>;
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;
export type Partition = "public" | "private";
export const PARTITIONS: readonly Partition[] = ["public", "private"];
