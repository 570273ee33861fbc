import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import type { StoreIndex } from "@/benchmarks/datasets/store-index";
import type { BenchmarkDefinition } from "@/db/queries/benchmarks";

/** Standard-protocol numbers shared by every benchmark on real data (PROTOCOLS.md §3). */
export const QUERIES = 15;
export const PUBLIC_EPISODES = 600;
/**
 * 2000 private episodes: the 95% half-width 1.96·s/√n stays under 0.5 points for any method whose per-episode accuracy
 * has a standard deviation s ≤ 0.005·√2000/1.96 = 0.114. The widest published reference intervals (≈ ±0.7 points
 * over 600 episodes for 5-way 1-shot on CIFAR-FS and FC100) imply s ≈ 0.7/100·√600/1.96 ≈ 0.088, which needs
 * n ≥ (1.96·0.088/0.005)² ≈ 1190 episodes; Omniglot's s is far smaller.
 */
export const PRIVATE_EPISODES = 2000;

type Protocol = {
  slug: string;
  title: string;
  store: string;
  split: string;
  rotations: boolean;
  ways: number;
  shots: number;
  /** The public partition's episode seed (the private one is drawn per installation). */
  publicSeed: number;
  /** Published reference accuracies for this protocol, for the benchmark page. */
  reference: string;
  dataText: string;
};

const omniglotText = `Omniglot (Lake et al.), Vinyals split as used by Prototypical Networks: the 423 characters of 13 alphabets of
images_evaluation (Gurmukhi, Kannada, Keble, Malayalam, Manipuri, Mongolian, Old Church Slavonic, Oriya, Sylheti,
Syriac (Serto), Tengwar, Tibetan, ULOG) are meta-test; the other 1200 characters are meta-train. Each character rotated by
0, 90, 180 and 270 degrees is four classes (1692 meta-test classes), 20 images each.
Input: float32 NHWC [N, 28, 28, 1] in [0, 1]: the 105×105 images resized by area averaging and inverted (ink near 1).`;

const cifarText = (split: string) => `${split}. Input: float32 NHWC [N, 32, 32, 3] in [0, 1], channels R, G, B
(CIFAR-100's pixels / 255, no normalisation: a model normalises itself if it wants to).`;

const cifarFsText =
  cifarText(`CIFAR-FS (Bertinetto et al., 2019): 64 / 16 / 20 CIFAR-100 classes; episodes draw from the 20 meta-test
classes (whale, poppy, rose, sweet_pepper, telephone, bed, table, wardrobe, leopard, plain, chimpanzee, fox, snail, worm,
baby, man, woman, bicycle, pickup_truck, rocket), all 600 images of each (train and test files)`);

const fc100Text =
  cifarText(`FC100 (Oreshkin et al., 2018): CIFAR-100 split by superclass, 12 / 4 / 4 superclasses; episodes draw from
the 20 classes of aquatic_mammals, insects, medium_mammals and people, all 600 images of each`);

/** Every standard benchmark on imported data, by the store it needs. Seeds are fixed forever: episodes must not change. */
export const IMPORTED_PROTOCOLS: Protocol[] = [
  ...[
    [5, 1, 98.8, "98.7"],
    [5, 5, 99.7, "99.9"],
    [20, 1, 96.0, "95.8"],
    [20, 5, 98.9, "98.9"],
  ].map(([ways, shots, protonet, maml], i) => ({
    slug: `omniglot-${ways}way-${shots}shot`,
    title: `Omniglot ${ways}-way ${shots}-shot`,
    store: "omniglot",
    split: "omniglot-vinyals",
    rotations: true,
    ways: ways as number,
    shots: shots as number,
    publicSeed: 610_001 + 10 * i,
    reference: `Published: ProtoNet ${protonet}%, MAML ${maml}%.`,
    dataText: omniglotText,
  })),
  ...[
    [
      "cifar-fs",
      "CIFAR-FS",
      cifarFsText,
      {
        1: "ProtoNet 55.5%, MAML 58.9%, MetaOptNet-SVM 72.0%, RFS 73.9%",
        5: "ProtoNet 72.0%, MAML 71.5%, MetaOptNet-SVM 84.2%, RFS 86.9%",
      },
    ],
    [
      "fc100",
      "FC100",
      fc100Text,
      { 1: "ProtoNet 35.3%, MetaOptNet-SVM 41.1%, RFS 44.6%", 5: "ProtoNet 48.6%, MetaOptNet-SVM 55.5%, RFS 60.9%" },
    ],
  ].flatMap(([split, name, text, refs], j) =>
    [1, 5].map((shots, i) => ({
      slug: `${split}-5way-${shots}shot`,
      title: `${name} 5-way ${shots}-shot`,
      store: "cifar100",
      split: split as string,
      rotations: false,
      ways: 5,
      shots,
      publicSeed: 620_001 + 100 * j + 10 * i,
      reference: `Published: ${(refs as Record<number, string>)[shots]}.`,
      dataText: text as string,
    })),
  ),
];

function about(p: Protocol, spec: FewshotSpec): string {
  return `${p.dataText}

Protocol: ${p.ways}-way ${p.shots}-shot episodes from the meta-test classes only, ${QUERIES} query images per class
(${p.ways * QUERIES} queries per episode). The public partition has ${spec.partitions.public.episodes} episodes, the private
partition ${spec.partitions.private.episodes} (enough for a 95% interval under ±0.5 points for any method whose per-episode
accuracy has a standard deviation up to 0.114); each episode depends only on its partition's seed and its index. The
private seed is drawn by this installation when the version is created and published in the open data after the reveal.
Support labels are int32 0..${p.ways - 1}; query labels are never sent. A submission returns class probabilities
[${p.ways * QUERIES}, ${p.ways}], every value in [0, 1], each row summing to 1 (±0.001).

Scores: accuracy per episode, reported as the mean over episodes with the 95% interval mean ± 1.96·s/√n (s the sample
standard deviation over the n episodes); mean NLL (probabilities clipped at 1e-12), Brier score (Σ over classes of the
squared error, mean over queries) and ECE (15 equal-width confidence bins over all queries of the partition).
${p.reference}`;
}

/** The standard benchmarks a complete import of `index` makes available, pinned to its images' sha256. */
export function importedBenchmarks(index: StoreIndex): BenchmarkDefinition[] {
  return IMPORTED_PROTOCOLS.filter((p) => p.store === index.name).map((p) => {
    const spec = fewshotSpecSchema.parse({
      track: "fewshot",
      dataset: { source: "store", store: p.store, split: p.split, rotations: p.rotations, sha256: index.sha256 },
      ways: p.ways,
      shots: p.shots,
      queries: QUERIES,
      partitions: {
        public: { episodes: PUBLIC_EPISODES, seed: p.publicSeed },
        private: { episodes: PRIVATE_EPISODES },
      },
      kinds: ["embedding", "finetune", "learner"],
      limits: { wallSeconds: 7200, memoryMb: 4096, callSeconds: 60 },
    });
    return {
      slug: p.slug,
      title: p.title,
      track: "fewshot",
      summary: `${p.ways}-way ${p.shots}-shot classification on ${p.title.split(" ")[0]}'s meta-test classes, ${QUERIES} queries per class, mean accuracy with a 95% CI.`,
      about: about(p, spec),
      synthetic: false,
      spec,
    };
  });
}
