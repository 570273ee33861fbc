import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";

/**
 * A small glyphs spec (5-way 1-shot, 3 queries, 3 public and 2 private episodes): a whole evaluation takes seconds,
 * and its limits leave room for a loaded test machine.
 */
export function smallFewshotSpec(overrides: Partial<FewshotSpec> = {}): FewshotSpec {
  return fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: { source: "glyphs", version: 1 },
    ways: 5,
    shots: 1,
    queries: 3,
    partitions: { public: { episodes: 3, seed: 11 }, private: { episodes: 2, seed: 12 } },
    kinds: ["embedding", "learner"],
    limits: { wallSeconds: 120, memoryMb: 1024, callSeconds: 60 },
    ...overrides,
  });
}
