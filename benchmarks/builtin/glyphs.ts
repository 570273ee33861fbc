import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import type { BuiltinBenchmark } from "./types";

const PUBLIC_EPISODES = 200;
const PRIVATE_EPISODES = 600;
const QUERIES = 15;

function about(spec: FewshotSpec): string {
  const { ways, shots, queries, partitions } = spec;
  return `Few-shot classification on Synthetic Glyphs v1: procedurally generated, Omniglot-like 28×28 pen-stroke
characters (1000 classes, 20 renditions each; classes 0–699 are meta-train, 700–999 meta-test, disjoint by
construction). They are synthetic, not Omniglot: numbers here are not comparable with published Omniglot results.

Protocol: ${ways}-way ${shots}-shot episodes drawn from the 300 meta-test classes, ${queries} query images per class
(${ways * queries} queries per episode). The public partition has ${partitions.public.episodes} episodes, the private
partition ${partitions.private.episodes}; each episode depends only on its partition's seed and its index. The private seed is
drawn by this installation when the version is created and published in the open data once private scores are revealed.

Input: images are float32 in [0, 1], NHWC [N, 28, 28, 1], ink = 1 on a 0 background; support labels are int32
0..${ways - 1}. Query labels are never sent. A submission returns class probabilities [${ways * queries}, ${ways}], every value
in [0, 1] and each row summing to 1 (±0.001); anything else fails the submission with the exact problem.

Scores: accuracy per episode; reported as the mean over episodes with a 95% confidence interval
mean ± 1.96·s/√n, s the sample standard deviation over the n episodes. Also the mean negative log-likelihood
(probabilities clipped at 1e-12), the Brier score (Σ over classes of squared error, mean over queries) and the
expected calibration error (15 equal-width bins of max-probability confidence, over all queries of the partition).`;
}

function glyphBenchmark(options: { shots: number; publicSeed: number }): BuiltinBenchmark {
  const { shots, publicSeed } = options;
  const spec = fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: { source: "glyphs", version: 1 },
    ways: 5,
    shots,
    queries: QUERIES,
    partitions: {
      public: { episodes: PUBLIC_EPISODES, seed: publicSeed },
      private: { episodes: PRIVATE_EPISODES },
    },
    kinds: ["embedding", "finetune", "learner"],
    limits: { wallSeconds: 1800, memoryMb: 2048, callSeconds: 30 },
  });
  return {
    slug: `glyphs-5way-${shots}shot`,
    title: `Synthetic Glyphs 5-way ${shots}-shot`,
    track: "fewshot",
    summary: `5-way ${shots}-shot classification of synthetic Omniglot-like glyphs, ${QUERIES} queries per class, mean accuracy with a 95% CI.`,
    about: about(spec),
    synthetic: true,
    spec,
  };
}

export const glyphs5way1shot = glyphBenchmark({ shots: 1, publicSeed: 510_001 });
export const glyphs5way5shot = glyphBenchmark({ shots: 5, publicSeed: 550_001 });
