/**
 * The environment contract, after Gymnasium's: `reset({seed}) → observation`, `step(action) → {observation, reward,
 * terminated, truncated, info}`. Asynchronous, because most environments live in another process.
 * Observations are flat typed arrays in row-major order with the shape `observationSpace` gives.
 */
export type ObservationDtype = "uint8" | "float32";
export type Observation = Uint8Array | Float32Array;

export type DiscreteSpace = { kind: "discrete"; n: number };
export type BoxSpace = { kind: "box"; shape: number[]; low: number[]; high: number[] };
export type ActionSpace = DiscreteSpace | BoxSpace;
export type ObservationSpace = { shape: number[]; dtype: ObservationDtype };

/** An action: an integer for a discrete space, a vector for a box. */
export type Action = number | number[];

/** Scalar facts the environment reports beside the observation (ALE: lives, episode_frame_number; Meta-World: success). */
export type StepInfo = Record<string, number | boolean>;

export type ResetResult = { observation: Observation; info: StepInfo };
export type StepResult = {
  observation: Observation;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
};

export type Env = {
  readonly observationSpace: ObservationSpace;
  readonly actionSpace: ActionSpace;
  /** Names of the discrete actions, where the environment has them (ALE: NOOP, FIRE, ...). */
  readonly actionMeanings?: string[];
  /**
   * A seed re-seeds the environment's generator; without one the episode continues its sequence. `options` are
   * Gymnasium's reset options (Meta-World tasks: `{goal: i}`).
   */
  reset(options?: { seed?: number; options?: Record<string, unknown> }): Promise<ResetResult>;
  step(action: Action): Promise<StepResult>;
  close(): Promise<void>;
};
