import { z } from "zod";

const partitionSpec = z
  .object({
    episodes: z.number().int().min(1).max(100_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
  })
  .strict();

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
        .refine((n) => n.mean.length === n.std.length, { message: "mean and std need one entry per channel each", path: ["std"] })
        .optional(),
    })
    .strict(),
]);

export const sandboxLimitsSchema = z
  .object({
    /** Wall-clock deadline for one unit. */
    wallSeconds: z.number().int().min(5).max(7 * 24 * 3600).default(600),
    /** Memory (address space and cgroup) for the sandboxed runtime. */
    memoryMb: z.number().int().min(256).max(262_144).default(4096),
    /** Per-call deadline for one protocol request (an episode, a step). */
    callSeconds: z.number().min(0.1).max(3600).default(60),
  })
  .strict();

export const fewshotSpecSchema = z
  .object({
    track: z.literal("fewshot"),
    dataset: fewshotDatasetSchema,
    ways: z.number().int().min(2).max(100),
    shots: z.number().int().min(1).max(100),
    queries: z.number().int().min(1).max(100),
    partitions: z.object({ public: partitionSpec, private: partitionSpec }).strict(),
    kinds: z.array(z.enum(["embedding", "finetune", "learner"])).min(1),
    limits: sandboxLimitsSchema.default({ wallSeconds: 600, memoryMb: 4096, callSeconds: 60 }),
  })
  .strict();

/** The 26 games of Atari 100K (their random and human scores: evaluator/tracks/atari/games.ts). */
export const ATARI_GAME_NAMES = [
  "Alien", "Amidar", "Assault", "Asterix", "BankHeist", "BattleZone", "Boxing", "Breakout", "ChopperCommand",
  "CrazyClimber", "DemonAttack", "Freeway", "Frostbite", "Gopher", "Hero", "Jamesbond", "Kangaroo", "Krull",
  "KungFuMaster", "MsPacman", "Pong", "PrivateEye", "Qbert", "RoadRunner", "Seaquest", "UpNDown",
] as const;
export type AtariGame = (typeof ATARI_GAME_NAMES)[number];

const seedList = z
  .array(z.number().int().min(0).max(2 ** 31 - 1))
  .refine((list) => new Set(list).size === list.length, "seeds must not repeat");

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
    partitions: z.object({ public: z.object({ seeds: seedList.min(1) }).strict(), private: z.object({ seeds: seedList }).strict() }).strict(),
    /** Agent steps of learning (frame skip 4: 100,000 steps = 400,000 frames). */
    learningSteps: z.number().int().min(1).max(100_000).default(100_000),
    /** Evaluation episodes per (game, seed) after learning; rewards are withheld from the agent. */
    evalEpisodes: z.number().int().min(1).max(1000).default(100),
    kinds: z.array(z.enum(["agent", "policy"])).min(1),
    limits: sandboxLimitsSchema.default({ wallSeconds: 6 * 3600, memoryMb: 4096, callSeconds: 60 }),
  })
  .strict()
  .refine((spec) => !spec.partitions.private.seeds.some((s) => spec.partitions.public.seeds.includes(s)), {
    message: "public and private seeds must differ",
    path: ["partitions", "private", "seeds"],
  });

export const benchmarkSpecSchema = z.discriminatedUnion("track", [fewshotSpecSchema, atariSpecSchema]);

export type BenchmarkSpec = z.infer<typeof benchmarkSpecSchema>;
export type FewshotSpec = z.infer<typeof fewshotSpecSchema>;
export type AtariSpec = z.infer<typeof atariSpecSchema>;
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;
export type Partition = "public" | "private";
export const PARTITIONS: readonly Partition[] = ["public", "private"];
