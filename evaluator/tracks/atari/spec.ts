/**
 * The Atari benchmark spec. It joins lib/benchmark-spec.ts's union once wired in there.
 * Units: every game × every seed of a partition. The public and private partitions play the same games with
 * different seeds (disjoint), so the private scores measure the same thing on runs nobody has seen.
 */
import { z } from "zod";
import { sandboxLimitsSchema } from "../../../lib/benchmark-spec";
import { ATARI_GAME_NAMES } from "./games";

const seed = z.number().int().min(0).max(2 ** 31 - 1);
const seeds = z.array(seed).refine((list) => new Set(list).size === list.length, "seeds must not repeat");

export const atariSpecSchema = z
  .object({
    track: z.literal("atari"),
    /** Version of the environment protocol (evaluator/tracks/atari/settings.ts); a change to it is a new version. */
    protocol: z.literal("atari-100k/v1").default("atari-100k/v1"),
    games: z
      .array(z.enum(ATARI_GAME_NAMES))
      .min(1)
      .refine((list) => new Set(list).size === list.length, "games must not repeat"),
    partitions: z.object({ public: z.object({ seeds: seeds.min(1) }).strict(), private: z.object({ seeds }).strict() }).strict(),
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

export type AtariSpec = z.infer<typeof atariSpecSchema>;
