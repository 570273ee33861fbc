import { z } from "zod";
import { sandboxLimitsSchema } from "@/lib/benchmark-spec";

const classList = z.array(z.string().min(1).max(200)).max(100_000);
const partition = z
  .object({
    episodes: z.number().int().min(1).max(100_000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict();
/** The private partition's seed is drawn by the server when the version is created (lib/private-seeds.ts) and kept secret. */
const privatePartition = z
  .object({
    episodes: partition.shape.episodes,
    seed: z
      .never({ error: "private seeds are drawn by the server and kept secret until the reveal: give only episodes" })
      .optional(),
  })
  .strict();

/** The class split file: class folder names per part. Evaluation draws from `test` only. */
export const splitFileSchema = z
  .object({ train: classList.default([]), val: classList.default([]), test: classList.min(2) })
  .strict();

/**
 * An organizer's few-shot benchmark on their own images (benchmark.yaml). Paths are relative to the YAML file.
 * The folder holds one sub-folder per class of PNG images; they are resized to `imageSize` once, at import.
 */
export const folderBenchmarkSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "lowercase letters, digits and '-', 2 to 64 characters"),
    title: z.string().min(1).max(200),
    summary: z.string().max(500).optional(),
    about: z.string().max(20_000).optional(),
    dataset: z
      .object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lowercase letters, digits and '-'"),
        folder: z.string().min(1),
        split: z.string().min(1),
        imageSize: z.tuple([z.number().int().min(4).max(512), z.number().int().min(4).max(512)]),
        channels: z.union([z.literal(1), z.literal(3)]),
        normalization: z
          .object({ mean: z.array(z.number()).min(1).max(3), std: z.array(z.number().positive()).min(1).max(3) })
          .strict()
          .optional(),
      })
      .strict(),
    ways: z.number().int().min(2).max(100),
    shots: z.number().int().min(1).max(100),
    queries: z.number().int().min(1).max(100),
    partitions: z.object({ public: partition, private: privatePartition }).strict(),
    kinds: z
      .array(z.enum(["embedding", "finetune", "learner"]))
      .min(1)
      .default(["embedding", "finetune", "learner"]),
    limits: sandboxLimitsSchema.optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const n = spec.dataset.normalization;
    for (const key of ["mean", "std"] as const) {
      if (n && n[key].length !== spec.dataset.channels) {
        ctx.addIssue({
          code: "custom",
          path: ["dataset", "normalization", key],
          message: `needs ${spec.dataset.channels} value(s), one per channel; got ${n[key].length}`,
        });
      }
    }
  });

export type FolderBenchmark = z.infer<typeof folderBenchmarkSchema>;
export type SplitFile = z.infer<typeof splitFileSchema>;
