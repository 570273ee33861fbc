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
    kinds: z.array(z.enum(["embedding", "learner"])).min(1),
    limits: sandboxLimitsSchema.default({ wallSeconds: 600, memoryMb: 4096, callSeconds: 60 }),
  })
  .strict();

export const benchmarkSpecSchema = z.discriminatedUnion("track", [fewshotSpecSchema]);

export type BenchmarkSpec = z.infer<typeof benchmarkSpecSchema>;
export type FewshotSpec = z.infer<typeof fewshotSpecSchema>;
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;
export type Partition = "public" | "private";
export const PARTITIONS: readonly Partition[] = ["public", "private"];
