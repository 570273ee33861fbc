/**
 * What Heldout's Atari track hands a bundle, exactly. While learning, each step is act(observation) then
 * observe(outcome); the budget (`learningSteps`) is counted by the evaluator. Then evaluationMode(), then only act()
 * for the evaluation games (no rewards), which are scored. An action is an integer in [0, actions); anything else
 * fails the submission with the step and the value named.
 */
import type * as tf from "@tensorflow/tfjs";

/** Given once at start. */
export type AtariTask = {
  track: "atari";
  game: string;
  /** The size of the game's minimal action set. */
  actions: number;
  actionMeanings: string[];
  observationShape: [84, 84, 4];
  learningSteps: number;
  /** A seed for your own randomness (a run repeats with it); not the environment's seed, which agents never get. */
  seed: number;
};

/**
 * uint8 of length 84·84·4, row-major [H, W, F]: grayscale 0–255, frame 3 the newest; at an episode start all 4 slots
 * hold its first frame. A fresh array the agent may keep (a replay buffer).
 */
export type Observation = Uint8Array;

export type ActContext = { episodeStart: boolean; mode: "learn" | "eval" };

/** Learning only. `reward` is raw (unclipped), summed over the 4 skipped frames; `lifeLoss`: a life was lost, the game goes on. */
export type Outcome = {
  reward: number;
  terminated: boolean;
  truncated: boolean;
  lifeLoss: boolean;
  observation: Observation;
};

export type AtariAgent = {
  /** → an integer in [0, task.actions). */
  act(observation: Observation, context: ActContext): number | Promise<number>;
  observe(outcome: Outcome): void | Promise<void>;
  /** Learning ended; evaluation games (no rewards, no observe) follow. */
  evaluationMode?(): void | Promise<void>;
};

/** kind "agent": the entry module's default export. Tensors made during a call are freed when it returns (tf.keep to hold one). */
export type AtariAgentFactory = (context: {
  tf: typeof tf;
  task: AtariTask;
  options: Record<string, unknown>;
}) => AtariAgent | Promise<AtariAgent>;

/**
 * kind "policy": a TF.js model (model.json) mapping float32 [1, 84, 84, 4] (raw 0–255 pixels) to [1, actions]
 * scores; the action is the argmax (ε = 0.001 random). It plays the evaluation games only.
 */
export type AtariPolicyModel = { input: [1, 84, 84, 4]; output: [1, number] };
