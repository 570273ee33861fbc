import { z } from "zod";
import { atariSpecSchema, fewshotDatasetSchema, fewshotSpecSchema, metaworldSpecSchema } from "@/lib/benchmark-spec";

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lowercase letters, digits and '-'");

/** What every authored benchmark says about itself, whatever its track. */
const header = {
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "lowercase letters, digits and '-', 2 to 64 characters"),
  title: z.string().min(1).max(200),
  summary: z.string().max(500).optional(),
  about: z.string().max(20_000).optional(),
};

const classList = z.array(z.string().min(1).max(200)).max(100_000);

/** The class split: a split the data store knows by name, or the class names of each part. */
export const authoredSplitSchema = z.union([
  name,
  z.object({ train: classList.default([]), val: classList.default([]), test: classList.min(2) }).strict(),
]);

const fewshot = fewshotSpecSchema.shape;

/**
 * Few-shot on a data store: "glyphs" (built in) or an imported store (omniglot, cifar100, a folder dataset). The
 * protocol fields are the spec's own; `dataset`, `split`, `rotations` and `normalization` become the spec's dataset.
 */
export const fewshotDocumentSchema = z
  .object({
    ...header,
    track: fewshot.track,
    dataset: name,
    split: authoredSplitSchema.optional(),
    /** Each class also rotated by 90, 180, 270 degrees as three more classes; default: on for omniglot only. */
    rotations: z.boolean().optional(),
    normalization: fewshotDatasetSchema.options[1].shape.normalization,
    ways: fewshot.ways,
    shots: fewshot.shots,
    queries: fewshot.queries,
    partitions: fewshot.partitions,
    kinds: fewshot.kinds,
    limits: fewshot.limits,
    isolation: fewshot.isolation,
    replays: fewshot.replays,
  })
  .strict();

/** RL documents are the track's spec itself plus the header: every spec field keeps its name and place. */
export const atariDocumentSchema = z.object({ ...header, ...atariSpecSchema.shape }).strict();
export const metaworldDocumentSchema = z.object({ ...header, ...metaworldSpecSchema.shape }).strict();

export const authoringDocumentSchema = z.discriminatedUnion("track", [
  fewshotDocumentSchema,
  atariDocumentSchema,
  metaworldDocumentSchema,
]);

export type AuthoringDocument = z.infer<typeof authoringDocumentSchema>;
export type FewshotDocument = z.infer<typeof fewshotDocumentSchema>;
export type AuthoredSplit = z.infer<typeof authoredSplitSchema>;
export const HEADER_FIELDS = ["slug", "title", "summary", "about"] as const;

/** The file name errors are reported against. */
export const AUTHORING_FILE = "benchmark.yaml";
