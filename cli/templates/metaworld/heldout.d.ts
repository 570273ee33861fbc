/**
 * What Heldout's Meta-World track hands a bundle, exactly. Per goal: startTask(), then `adaptationEpisodes` episodes
 * of act → observe pairs with rewards, then adapt(), then `evaluationEpisodes` episodes of act only (no rewards):
 * these are scored by success. An episode is at most `maxEpisodeSteps` steps. The goal is never named, the task
 * only by MT benchmarks' one-hot id.
 * Actions are 4 finite numbers (hand dx, dy, dz, gripper); values outside [-1, 1] are clipped; a NaN, an infinity
 * or another length fails the submission with the step and the value named.
 */
import type * as tf from "@tensorflow/tfjs";

/** Given once at start. */
export type MetaWorldTask = {
  track: "metaworld";
  benchmark: "ML1" | "ML10" | "ML45" | "MT10";
  /** 39, 49 (MT10: 39 + the one-hot task id) or 45 (rl2: 39 + previous action, reward / 10, done). */
  observationShape: [number];
  /** What follows the environment's 39 numbers (see Observation). */
  observation: "plain" | "one-hot" | "rl2";
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
 * float32 [observationShape[0]]. 0–38: hand xyz, gripper, two object slots (position + quaternion each), the previous
 * frame's 18 values, goal xyz. Then, as metaworld's wrappers append them:
 * - "plain": nothing;
 * - "one-hot" (MT benchmarks): 1 at the task's place in the benchmark's task list, 0 elsewhere (MT10: 10 values,
 *   reach, push, pick-place, door-open, drawer-open, drawer-close, button-press-topdown, peg-insert-side, window-open,
 *   window-close);
 * - "rl2": 39–42 the previous action as you returned it, 43 its reward / 10, 44 1 if it ended the episode; zeros at
 *   every episode's first observation. Evaluation episodes too: there the reward reaches you only this way.
 * A fresh array the agent may keep.
 */
export type Observation = Float32Array;

/** 4 values: number[], any typed array or a tf.Tensor. */
export type Action = number[] | Float32Array | Float64Array | tf.Tensor;

export type ActContext = { episodeStart: boolean; mode: "adapt" | "eval" };

/** After each adaptation step only; `observation` is the one the action led to. */
export type Outcome = {
  reward: number;
  terminated: boolean;
  truncated: boolean;
  success: boolean;
  observation: Observation;
};

export type MetaWorldAgent = {
  /** A new task began: forget the last one's adaptation. */
  startTask?(): void | Promise<void>;
  act(observation: Observation, context: ActContext): Action | Promise<Action>;
  observe(outcome: Outcome): void | Promise<void>;
  /** Adaptation ended; evaluation episodes (no rewards, no observe) follow. */
  adapt?(): void | Promise<void>;
};

/** kind "agent": the entry module's default export. Tensors made during a call are freed when it returns (tf.keep to hold one). */
export type MetaWorldAgentFactory = (context: {
  tf: typeof tf;
  task: MetaWorldTask;
  options: Record<string, unknown>;
}) => MetaWorldAgent | Promise<MetaWorldAgent>;

/** kind "policy": a TF.js model (model.json) mapping float32 [1, n] (n = observationShape[0]) to [1, 4], used as it is (no adaptation). */
export type MetaWorldPolicyModel = { input: [1, number]; output: [1, 4] };
