import type { BenchmarkSpec, MetaWorldSpec } from "@/lib/benchmark-spec";
import { describeObservation } from "@/evaluator/protocol/metaworld-observation";
import { goalHidden, metaworldObservation, observationParts } from "@/evaluator/tracks/metaworld/definition/spec";

/** One choice a protocol settles, in words: what a score on this benchmark means. */
export type ProtocolChoice = { label: string; value: string };

const n = (value: number) => value.toLocaleString("en-US");

const SECRET_SEEDS =
  "public seeds are in the spec; private seeds are drawn by this installation when the version is created, kept server-side, and published in the open data after the reveal";
const LEGACY_SEEDS = "both partitions' seeds are in the spec (a version from before private seeds were secret)";

const NO_CODE_INDEPENDENT =
  "the no-code kinds are independent by construction: the evaluator's own code applies the submitted model to each episode (embedding: prototypes of that support set only; finetune: a new head, the body's weights put back after every episode)";

function fewshotLearnerIsolation(spec: Extract<BenchmarkSpec, { track: "fewshot" }>): string {
  if (spec.isolation === "partition") {
    return "isolation: partition — one sandbox answers every episode of a partition, so a learner may keep what it saw in earlier episodes (a version from before isolation: task)";
  }
  const k = spec.replays;
  return `isolation: task — a learner's answers may depend only on the bundle as submitted and the episode itself: one sandbox answers the partition, then ${k} episodes drawn secretly after the run are answered again, each by a fresh sandbox of the bundle (Math.random and TF.js randomness seeded per episode), and any difference fails the submission; a learner that draws on earlier episodes for a fraction f of them escapes with probability (1 − f)^${k}`;
}

/**
 * How the benchmark's protocol settles each choice a number depends on: budgets in the units papers use, what the
 * code sees and when, how tasks are isolated, where the seeds come from. Atari's environment settings are those of
 * protocol atari-100k/v1 (evaluator/tracks/atari/settings.ts; protocol-choices.test.ts holds them equal).
 */
export function protocolChoices(spec: BenchmarkSpec): ProtocolChoice[] {
  if (spec.track === "fewshot") {
    return [
      {
        label: "The code sees",
        value: `per episode, the ${spec.ways * spec.shots} support images with their labels and the ${spec.ways * spec.queries} query images; never the query labels`,
      },
      { label: "Isolation", value: `${fewshotLearnerIsolation(spec)}; ${NO_CODE_INDEPENDENT}` },
      { label: "Seeds", value: "seed" in spec.partitions.private ? LEGACY_SEEDS : SECRET_SEEDS },
    ];
  }
  const seeds =
    "seeds" in spec.partitions.private
      ? LEGACY_SEEDS
      : `${SECRET_SEEDS}; an agent's own seed is an HMAC of its unit, unrelated to the environment's`;
  if (spec.track === "atari") {
    return [
      {
        label: "Budget",
        value: `${n(spec.learningSteps)} agent steps = ${n(spec.learningSteps * 4)} frames (frame skip 4) of learning per run, then ${n(spec.evalEpisodes)} evaluation games`,
      },
      {
        label: "Environment",
        value:
          "ALE v5, sticky actions off (repeat_action_probability 0), minimal action set, 1–30 no-ops at reset, episodes capped at 108,000 frames, game over ends an episode",
      },
      {
        label: "The agent sees",
        value:
          "uint8 [84, 84, 4]: the last 4 frames, grayscale, max-pooled over the last two of each skip, 84×84; rewards and a life-loss flag while learning only; nothing in evaluation games",
      },
      {
        label: "Isolation",
        value:
          "every (game, seed) run starts from the bundle as submitted in a sandbox of its own: nothing carries over between runs",
      },
      { label: "Seeds", value: seeds },
    ];
  }
  return [
    {
      label: "Budget",
      value: `per goal, ${spec.adaptationEpisodes} adaptation episode(s) with rewards, then ${spec.evaluationEpisodes} scored episode(s) without; ${spec.maxEpisodeSteps} steps each; ${spec.goalsPerTask} goals per task and seed`,
    },
    { label: "The agent sees", value: metaworldAgentSees(spec) },
    {
      label: "Isolation",
      value:
        spec.isolation === "task"
          ? "isolation: task — an agent starts every goal from the bundle as submitted, in a sandbox of its own (no module state, /tmp or TF.js state carries over); a policy holds no state between calls"
          : "isolation: partition — one sandbox plays every goal of a (task, seed) unit, so an agent may keep what it learned on earlier goals (a version from before isolation: task)",
    },
    { label: "Seeds", value: seeds },
  ];
}

/** What a Meta-World agent sees, by the version's `observation` layout (evaluator/protocol/metaworld-observation.ts). */
function metaworldAgentSees(spec: MetaWorldSpec): string {
  const goal = goalHidden(spec) ? "the goal's 3 numbers are zeros" : "the goal's 3 numbers are visible";
  const layout = `float32, ${describeObservation(observationParts(spec))}; ${goal}`;
  switch (metaworldObservation(spec)) {
    case "plain":
      return `${layout}; "a new task began" at each goal, never which task or goal; rewards and success flags in adaptation episodes only`;
    case "one-hot":
      return `${layout}; the one-hot id is metaworld's (OneHotWrapper, the benchmark's task order), so the agent knows which task it plays; "a new task began" at each goal; rewards and success flags in adaptation episodes only`;
    case "rl2":
      return `${layout}; RL²'s suffix as metaworld's RNNBasedMetaRLWrapper builds it: the action the agent returned, that step's reward / 10 and 1 if it ended the episode, zeros at every episode's first observation; so rewards reach the agent at every step, evaluation episodes included (inside the observation); "a new task began" at each goal, never which task or goal; the raw reward and success flag of each step in adaptation episodes only`;
  }
}
