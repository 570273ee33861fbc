/**
 * The built-in Meta-World benchmarks (protocol metaworld-meta-test/v1). Seeds: 3 public (their official goals pinned in
 * evaluator/envs/python/official-goals.json), 3 private drawn per installation (their goals built at run time by
 * metaworld's own constructor, never pinned); the official benchmark objects' goals for those seeds; the reference meta-test
 * budget of 40 goals per test task, 10 adaptation and 3 evaluation episodes of 500 steps.
 * ML1 comes in three tasks of rising difficulty (reach, push, pick-place), as the Meta-World paper reports ML1.
 * Observations: the environment's 39 numbers in ML benchmarks (`observation: plain`); MT10 appends the task's one-hot id
 * (`observation: one-hot`), as metaworld's multi-task setup does.
 */
import type { BenchmarkDefinition } from "../../db/queries/benchmarks";
import { metaworldSpecSchema, type MetaWorldSpec } from "../../evaluator/tracks/metaworld/definition/spec";
import type { MetaWorldTask } from "../../evaluator/tracks/metaworld/definition/tasks";

/**
 * The standard definitions. ML10 and ML45 are seeded at start with their baselines in the background (a full ML10
 * evaluation takes about 1.5 h of a 2-core host per submission: bench/metaworld-ml10-random.ts measured 91 min); the
 * ML1 tasks and MT10 are for an organizer to create (db/queries/benchmarks' upsertBenchmark).
 */
export type MetaWorldBenchmark = BenchmarkDefinition & { track: "metaworld"; synthetic: false; spec: MetaWorldSpec };

/** The protocol as a benchmark's page states it, for `goals` goals per run and the given seeds. */
function protocolAbout(options: { goals: number; publicSeeds: number[]; privateRuns: number }): string {
  const { goals, publicSeeds, privateRuns } = options;
  const seeds =
    publicSeeds.length === 1
      ? `seed ${publicSeeds[0]}`
      : `seeds ${publicSeeds.slice(0, -1).join(", ")} and ${publicSeeds.at(-1)}`;
  const privateSeeds = privateRuns === 1 ? "seed is" : `${privateRuns} seeds are`;
  return [
    `Meta-World v3 (metaworld 3.1.1, MuJoCo 3.3.0), the official meta-test protocol: for each test task and each of its first ${goals} goals in the official benchmark object for the run's seed (metaworld's own test tasks, e.g. metaworld.ML10(seed).test_tasks), the agent is told a new task began (never which one), plays 10 adaptation episodes with rewards, is told adaptation ended, then plays 3 evaluation episodes without rewards.`,
    "An episode is 500 steps; it succeeds when the environment reported success at any step. Observations are 39 numbers (the goal's 3 are zeros in ML benchmarks), actions 4 numbers in [-1, 1].",
    `Scores: success rate per task and overall (the mean over tasks), with bootstrap 95% intervals over goals and seeds; mean evaluation return as a secondary column. One evaluation unit per (task, seed); the public partition uses ${seeds}; the private partition's ${privateSeeds} drawn by this installation when the version is created, kept server-side (the agent's own seed is unrelated to them) and published in the open data after the reveal, so private goals are unseen until then.`,
  ].join("\n\n");
}

const ABOUT = protocolAbout({ goals: 40, publicSeeds: [1, 2, 3], privateRuns: 3 });

const seeds = { public: { seeds: [1, 2, 3] }, private: { runs: 3 } };
const common = {
  track: "metaworld",
  partitions: seeds,
  goals: "official-v1",
  goalsPerTask: 40,
  adaptationEpisodes: 10,
  evaluationEpisodes: 3,
  kinds: ["agent", "policy"],
};

const ml1 = (task: MetaWorldTask): MetaWorldBenchmark => ({
  slug: `metaworld-ml1-${task.replace(/-v3$/, "")}`,
  title: `Meta-World ML1 ${task}`,
  track: "metaworld",
  synthetic: false,
  summary: `Adapt to held-out goal positions of ${task} (goal hidden) in 10 episodes.`,
  about: ABOUT,
  spec: metaworldSpecSchema.parse({ ...common, benchmark: "ML1", task }),
});

export const METAWORLD_BENCHMARKS: MetaWorldBenchmark[] = [
  ml1("reach-v3"),
  ml1("push-v3"),
  ml1("pick-place-v3"),
  {
    slug: "metaworld-ml10",
    title: "Meta-World ML10",
    track: "metaworld",
    synthetic: false,
    about: ABOUT,
    summary:
      "Adapt to 5 held-out manipulation tasks (drawer-open, door-close, shelf-place, sweep-into, lever-pull) in 10 episodes each.",
    spec: metaworldSpecSchema.parse({ ...common, benchmark: "ML10" }),
  },
  {
    slug: "metaworld-ml45",
    title: "Meta-World ML45",
    track: "metaworld",
    synthetic: false,
    about: ABOUT,
    summary:
      "Adapt to 5 held-out manipulation tasks (bin-picking, box-close, hand-insert, door-lock, door-unlock) in 10 episodes each.",
    spec: metaworldSpecSchema.parse({ ...common, benchmark: "ML45" }),
  },
  {
    slug: "metaworld-mt10",
    title: "Meta-World MT10",
    track: "metaworld",
    synthetic: false,
    about: [
      "Meta-World v3 (metaworld 3.1.1, MuJoCo 3.3.0), multi-task: the 10 MT10 tasks with their goals visible (the last 3 of the 39 observation numbers). For each task and each of its first 40 goals in the official benchmark object for the run's seed (metaworld.MT10(seed).train_tasks), the agent is told a new task began and plays 3 scored episodes of 500 steps without rewards; there is no adaptation phase.",
      "Observations are 49 numbers: the environment's 39, then the task's one-hot id among the 10 MT10 tasks in metaworld's order (reach-v3 first, window-close-v3 last), as metaworld's OneHotWrapper appends it; actions 4 numbers in [-1, 1]. An episode succeeds when the environment reported success at any step. Scores: success rate per task and overall, with bootstrap 95% intervals over goals and seeds; mean evaluation return as a secondary column.",
    ].join("\n\n"),
    summary:
      "Solve the 10 MT10 tasks with their goals and one-hot task ids visible: 3 evaluation episodes per goal, no adaptation phase.",
    spec: metaworldSpecSchema.parse({ ...common, benchmark: "MT10", adaptationEpisodes: 0, observation: "one-hot" }),
  },
];

/**
 * ML1 reach at a small budget, seeded at start with its baselines at normal priority: one run per partition and 10
 * goals per run instead of 40 (the official goals of seed 1 for the public run), so its baselines are scored within
 * minutes on a 2-core host (bench/rl-demo-boards.ts). The per-goal protocol is the reference one.
 */
export const metaworldDemo: MetaWorldBenchmark = {
  slug: "metaworld-demo-ml1-reach",
  title: "Meta-World demo: ML1 reach (small budget, not the published protocol)",
  track: "metaworld",
  synthetic: false,
  summary:
    "A quick demonstration of the Meta-World track, not the published protocol: ML1 reach-v3, 10 held-out goals per run, one run per partition.",
  about: [
    "A quick demonstration of the Meta-World track, not the published meta-test protocol: ML1 reach-v3 on 10 held-out goals per run instead of 40, and one run per partition instead of three, so that its baselines are scored within minutes of a fresh start. Its success rates are not ML1 results and must not be compared with published ones; the ML10 and ML45 boards follow the published protocol.",
    protocolAbout({ goals: 10, publicSeeds: [1], privateRuns: 1 }),
  ].join("\n\n"),
  spec: metaworldSpecSchema.parse({
    ...common,
    benchmark: "ML1",
    task: "reach-v3",
    partitions: { public: { seeds: [1] }, private: { runs: 1 } },
    goalsPerTask: 10,
    limits: { wallSeconds: 3600, memoryMb: 4096, callSeconds: 60 },
  }),
};
