/**
 * Meta-World v3 task lists, as PROTOCOLS.md section 2 and metaworld 3.1's env_dict give them (checked against the
 * installed package by tasks.test.ts). ML45 trains on the 45 tasks not in its test list.
 */
export const METAWORLD_TASKS = [
  "assembly-v3", "basketball-v3", "bin-picking-v3", "box-close-v3", "button-press-topdown-v3", "button-press-topdown-wall-v3",
  "button-press-v3", "button-press-wall-v3", "coffee-button-v3", "coffee-pull-v3", "coffee-push-v3", "dial-turn-v3",
  "disassemble-v3", "door-close-v3", "door-lock-v3", "door-open-v3", "door-unlock-v3", "hand-insert-v3", "drawer-close-v3",
  "drawer-open-v3", "faucet-open-v3", "faucet-close-v3", "hammer-v3", "handle-press-side-v3", "handle-press-v3",
  "handle-pull-side-v3", "handle-pull-v3", "lever-pull-v3", "pick-place-wall-v3", "pick-out-of-hole-v3", "pick-place-v3",
  "plate-slide-v3", "plate-slide-side-v3", "plate-slide-back-v3", "plate-slide-back-side-v3", "peg-insert-side-v3",
  "peg-unplug-side-v3", "soccer-v3", "stick-push-v3", "stick-pull-v3", "push-v3", "push-wall-v3", "push-back-v3", "reach-v3",
  "reach-wall-v3", "shelf-place-v3", "sweep-into-v3", "sweep-v3", "window-open-v3", "window-close-v3",
] as const;

export type MetaWorldTask = (typeof METAWORLD_TASKS)[number];

export const MT10_TASKS: readonly MetaWorldTask[] = [
  "reach-v3", "push-v3", "pick-place-v3", "door-open-v3", "drawer-open-v3", "drawer-close-v3", "button-press-topdown-v3",
  "peg-insert-side-v3", "window-open-v3", "window-close-v3",
];

export const ML10_TRAIN_TASKS: readonly MetaWorldTask[] = [
  "reach-v3", "push-v3", "pick-place-v3", "door-open-v3", "drawer-close-v3", "button-press-topdown-v3", "peg-insert-side-v3",
  "window-open-v3", "sweep-v3", "basketball-v3",
];

export const ML10_TEST_TASKS: readonly MetaWorldTask[] = ["drawer-open-v3", "door-close-v3", "shelf-place-v3", "sweep-into-v3", "lever-pull-v3"];

export const ML45_TEST_TASKS: readonly MetaWorldTask[] = ["bin-picking-v3", "box-close-v3", "hand-insert-v3", "door-lock-v3", "door-unlock-v3"];

export const ML45_TRAIN_TASKS: readonly MetaWorldTask[] = METAWORLD_TASKS.filter((t) => !ML45_TEST_TASKS.includes(t));

/** Observation: hand xyz, gripper, two object slots (pos + quat), the previous frame's 18 values, goal xyz. */
/** ML1: held-out goals of one task; ML10/ML45: held-out tasks; MT10: the training tasks with visible goals. */
export const METAWORLD_BENCHMARK_NAMES = ["ML1", "ML10", "ML45", "MT10"] as const;

export const OBSERVATION_SIZE = 39;
/** The goal's slots in the observation (zeros in ML benchmarks). */
export const GOAL_SLICE = [36, 39] as const;
/** Action: hand displacement xyz and gripper effort, each in [-1, 1]. */
export const ACTION_SIZE = 4;
/** Meta-World's `max_path_length`: the environment refuses a step after it. */
export const MAX_EPISODE_STEPS = 500;
/** metaworld draws 50 goals (object/target positions) per task and seed. */
export const GOALS_PER_DRAW = 50;
