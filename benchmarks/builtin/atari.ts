/**
 * The Atari boards every installation starts with (benchmarks/builtin/index.ts): Atari 100K itself, 26 games × 10 runs
 * of 100,000 learning steps and 100 evaluation games each (hours of CPU per unit for a learning agent), and a demo board
 * on two games at a small budget whose baselines are scored within minutes.
 */
import { ATARI_GAME_NAMES, atariSpecSchema, type AtariSpec } from "@/lib/benchmark-spec";
import type { BenchmarkDefinition } from "@/db/queries/benchmarks";

/**
 * Five runs per game in each partition (rliable's stratified bootstrap resamples runs within a game, so every game
 * needs several). A run depends only on its game and seed; the private seeds are drawn per installation.
 */
const SEEDS = { public: { seeds: [1, 2, 3, 4, 5] }, private: { runs: 5 } };

function about(spec: AtariSpec, note: string): string {
  const runs = spec.partitions.public.seeds.length;
  return `${note}

Protocol atari-100k/v1, as Dopamine's Atari 100K configs define it: ALE v5 with sticky actions off and the minimal
action set; Gymnasium's AtariPreprocessing (1–30 no-ops at reset, frame skip 4 with rewards summed and a max-pool over
the last two frames, grayscale, 84×84 area resize); the last 4 frames as the observation, uint8 [84, 84, 4]; episodes
capped at 108,000 frames. A life-loss flag reaches the agent while it learns; an episode ends only at game over.

Each run (one game, one seed) gives an agent ${spec.learningSteps.toLocaleString("en-US")} agent steps of learning, counted
by the environment (step ${(spec.learningSteps + 1).toLocaleString("en-US")} is refused), then ${spec.evalEpisodes} evaluation
games with rewards withheld; a policy bundle does not learn and plays with ε = 0.001. The public partition has ${runs}
run${runs === 1 ? "" : "s"} per game (seeds ${spec.partitions.public.seeds.join(", ")}); the private partition plays the same games
with seeds this installation drew when the version was created, kept secret until the reveal and published in the
open data then. The agent's \`seed\` is for its own randomness, unrelated to the environment's.

Scores: a run's score is its mean evaluation return (raw, unclipped), normalized per game as (score − random) /
(human − random) with Dopamine's random and human scores. Over the runs × games matrix: IQM (the 25% trimmed mean of
all runs pooled), median and mean of the per-game means, and the optimality gap (γ = 1), as rliable computes them.`;
}

const atari100kSpec = atariSpecSchema.parse({
  track: "atari",
  games: ATARI_GAME_NAMES,
  partitions: SEEDS,
  learningSteps: 100_000,
  evalEpisodes: 100,
  kinds: ["agent", "policy"],
  // 23 h: the queue keeps a job at most 24 h, and a unit's job expires 5 minutes after its sandbox's deadline.
  limits: { wallSeconds: 23 * 3600, memoryMb: 4096, callSeconds: 60 },
});

export const atari100k: BenchmarkDefinition = {
  slug: "atari-100k",
  title: "Atari 100K",
  track: "atari",
  summary:
    "26 Atari games after 100,000 agent steps of learning in the evaluation: IQM of human-normalized scores over runs × games.",
  about: about(
    atari100kSpec,
    "How well an agent plays each of the 26 Atari 100K games after 100,000 agent steps (400,000 frames) of experience, on the real Arcade Learning Environment.",
  ),
  synthetic: false,
  spec: atari100kSpec,
};

/**
 * Two games, one run per partition, 2,000 learning steps and 3 evaluation games: the baselines are scored within minutes
 * on a 2-core host (bench/rl-demo-boards.ts), so a first visit sees the track work. Same protocol settings as Atari
 * 100K, a fiftieth of its budget: a demonstration, not an Atari 100K score. Pong and Boxing end within a few thousand
 * steps whatever the agent does; Breakout waits for FIRE, so an agent barely trained that never presses it plays each
 * evaluation game to the 27,000-step cap (on a loaded 2-core host, one DrQ(ε) run of Breakout had taken 12 minutes
 * and was still in its third evaluation game, both earlier ones scoring 0; its Pong and Boxing runs take under 2).
 */
const demoSpec = atariSpecSchema.parse({
  track: "atari",
  games: ["Pong", "Boxing"],
  partitions: { public: { seeds: [1] }, private: { runs: 1 } },
  learningSteps: 2_000,
  evalEpisodes: 3,
  kinds: ["agent", "policy"],
  limits: { wallSeconds: 3600, memoryMb: 4096, callSeconds: 60 },
});

export const atariDemo: BenchmarkDefinition = {
  slug: "atari-demo-pong-boxing",
  title: "Atari demo: Pong & Boxing (small budget, not Atari 100K)",
  track: "atari",
  summary:
    "A quick demonstration of the Atari track, not the published protocol: Pong and Boxing, 2,000 learning steps and 3 evaluation games per run.",
  about: about(
    demoSpec,
    "A quick demonstration of the Atari track, not the published Atari 100K protocol: two games, one run per partition, a fiftieth of the Atari 100K learning budget (2,000 agent steps instead of 100,000) and 3 evaluation games instead of 100, so that its baselines are scored within minutes of a fresh start. Its scores are not Atari 100K scores and must not be compared with published ones; the Atari 100K board is the published protocol.",
  ),
  synthetic: false,
  spec: demoSpec,
};

export const ATARI_BENCHMARKS: BenchmarkDefinition[] = [atari100k, atariDemo];
