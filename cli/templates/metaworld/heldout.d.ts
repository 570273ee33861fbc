/**
 * What Heldout's Meta-World track hands a bundle, exactly. Per goal: startTask(), then `adaptationEpisodes` episodes
 * of act → observe pairs with rewards, then adapt(), then `evaluationEpisodes` episodes of act only (no rewards):
 * these are scored by success. An episode is at most `maxEpisodeSteps` steps. The task and goal are never named.
 * Actions are 4 finite numbers (hand dx, dy, dz, gripper); values outside [-1, 1] are clipped; a NaN, an infinity
 * or another length fails the submission with the step and the value named.
 */
import type * as tf from "@tensorflow/tfjs";

/** Given once at start. */
export type MetaWorldTask = {
  track: "metaworld";
  benchmark: "ML1" | "ML10" | "ML45" | "MT10";
  observationShape: [39];
  actionShape: [4];
  maxEpisodeSteps: number;
  adaptationEpisodes: number;
  evaluationEpisodes: number;
  /** True in ML benchmarks: the goal's 3 observation values (36–38) are zeros. */
  goalHidden: boolean;
  /** A seed for your own randomness (a run repeats with it); not the environment's seed, which agents never get. */
  seed: number;
};

/**
 * float32 [39]: hand xyz, gripper, two object slots (position + quaternion each), the previous frame's 18 values,
 * goal xyz. A fresh array the agent may keep.
 */
export type Observation = Float32Array;

/** 4 values: number[], any typed array or a tf.Tensor. */
export type Action = number[] | Float32Array | Float64Array | tf.Tensor;

export type ActContext = { episodeStart: boolean; mode: "adapt" | "eval" };

/** After each adaptation step only; `observation` is the one the action led to. */
export type Outcome = { reward: number; terminated: boolean; truncated: boolean; success: boolean; observation: Observation };

export type MetaWorldAgent = {
  /** A new task began: forget the last one's adaptation. */
  startTask?(): void | Promise<void>;
  act(observation: Observation, context: ActContext): Action | Promise<Action>;
  observe(outcome: Outcome): void | Promise<void>;
  /** Adaptation ended; evaluation episodes (no rewards, no observe) follow. */
  adapt?(): void | Promise<void>;
};

/** kind "agent": the entry module's default export. Tensors made during a call are freed when it returns (tf.keep to hold one). */
export type MetaWorldAgentFactory = (context: { tf: typeof tf; task: MetaWorldTask; options: Record<string, unknown> }) => MetaWorldAgent | Promise<MetaWorldAgent>;

/** kind "policy": a TF.js model (model.json) mapping float32 [1, 39] to [1, 4], used as it is (no adaptation). */
export type MetaWorldPolicyModel = { input: [1, 39]; output: [1, 4] };
