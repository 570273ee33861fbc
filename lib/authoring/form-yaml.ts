import { stringify } from "yaml";
import { ATARI_GAME_NAMES, METAWORLD_BENCHMARK_NAMES, METAWORLD_TASKS } from "@/lib/benchmark-spec";

/**
 * The console's simple form: the common choices of each track. It only ever writes YAML text (the editor's, which
 * stays the single source); everything it cannot express is written in the YAML directly.
 */
export type SpecForm = {
  track: "fewshot" | "atari" | "metaworld";
  slug: string;
  title: string;
  /** Few-shot: "glyphs" or an imported store, its split name, and the protocol. */
  dataset: string;
  split: string;
  ways: number;
  shots: number;
  queries: number;
  publicEpisodes: number;
  privateEpisodes: number;
  /** Few-shot: the public partition's seed (the private one is drawn by the server). */
  publicSeed: number;
  /** RL: the public seeds, comma-separated, and how many private runs (their seeds drawn by the server). */
  publicSeeds: string;
  privateRuns: number;
  games: string[];
  learningSteps: number;
  evalEpisodes: number;
  benchmark: (typeof METAWORLD_BENCHMARK_NAMES)[number];
  task: string;
  goalsPerTask: number;
  /** ML benchmarks: the plain 39 numbers, or RL²'s previous action, reward and done appended (MT ones: the one-hot id). */
  observation: "plain" | "rl2";
};

export const DEFAULT_FORM: SpecForm = {
  track: "fewshot",
  slug: "",
  title: "",
  dataset: "glyphs",
  split: "",
  ways: 5,
  shots: 1,
  queries: 15,
  publicEpisodes: 600,
  privateEpisodes: 2000,
  publicSeed: 1,
  publicSeeds: "1, 2, 3",
  privateRuns: 3,
  games: [...ATARI_GAME_NAMES],
  learningSteps: 100_000,
  evalEpisodes: 100,
  benchmark: "ML10",
  task: METAWORLD_TASKS[0],
  goalsPerTask: 40,
  observation: "plain",
};

/** The standard split of a built-in or imported store, as the form suggests it. */
export function defaultSplit(dataset: string): string {
  if (dataset === "omniglot") return "omniglot-vinyals";
  if (dataset === "cifar100") return "cifar-fs";
  return dataset === "glyphs" ? "" : "default";
}

const seeds = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** The YAML the form stands for. Values are written as typed: the validator, not the form, judges them. */
export function formToYaml(form: SpecForm): string {
  const header = { slug: form.slug, title: form.title, track: form.track };
  if (form.track === "fewshot") {
    return stringify({
      ...header,
      dataset: form.dataset,
      ...(form.dataset === "glyphs" ? {} : { split: form.split || defaultSplit(form.dataset) }),
      ways: form.ways,
      shots: form.shots,
      queries: form.queries,
      partitions: {
        public: { episodes: form.publicEpisodes, seed: form.publicSeed },
        private: { episodes: form.privateEpisodes },
      },
      kinds: ["embedding", "finetune", "learner"],
      limits: { wallSeconds: 7200, memoryMb: 4096, callSeconds: 60 },
    });
  }
  const partitions = { public: { seeds: seeds(form.publicSeeds) }, private: { runs: form.privateRuns } };
  if (form.track === "atari") {
    return stringify({
      ...header,
      games: form.games,
      partitions,
      learningSteps: form.learningSteps,
      evalEpisodes: form.evalEpisodes,
      kinds: ["agent"],
    });
  }
  return stringify({
    ...header,
    benchmark: form.benchmark,
    ...(form.benchmark === "ML1" ? { task: form.task } : {}),
    partitions,
    goalsPerTask: form.goalsPerTask,
    ...(form.observation === "rl2" && !form.benchmark.startsWith("MT") ? { observation: "rl2" } : {}),
    kinds: ["agent", "policy"],
  });
}
