/**
 * Meta-World v3 task lists, as PROTOCOLS.md section 2 and metaworld 3.1's env_dict give them (checked against the
 * installed package by tasks.test.ts). ML45 trains on the 45 tasks not in its test list. The list of all tasks and the
 * benchmark names live in lib/benchmark-spec.ts with the spec that names them.
 */
import { METAWORLD_TASKS, type MetaWorldTask } from "../../../../lib/benchmark-spec";
import { METAWORLD_ENV_OBSERVATION_SIZE } from "../../../protocol/metaworld-observation";

export {
  GOALS_PER_DRAW,
  MAX_EPISODE_STEPS,
  METAWORLD_BENCHMARK_NAMES,
  METAWORLD_TASKS,
  type MetaWorldTask,
} from "../../../../lib/benchmark-spec";

export const MT10_TASKS: readonly MetaWorldTask[] = [
  "reach-v3",
  "push-v3",
  "pick-place-v3",
  "door-open-v3",
  "drawer-open-v3",
  "drawer-close-v3",
  "button-press-topdown-v3",
  "peg-insert-side-v3",
  "window-open-v3",
  "window-close-v3",
];

export const ML10_TRAIN_TASKS: readonly MetaWorldTask[] = [
  "reach-v3",
  "push-v3",
  "pick-place-v3",
  "door-open-v3",
  "drawer-close-v3",
  "button-press-topdown-v3",
  "peg-insert-side-v3",
  "window-open-v3",
  "sweep-v3",
  "basketball-v3",
];

export const ML10_TEST_TASKS: readonly MetaWorldTask[] = [
  "drawer-open-v3",
  "door-close-v3",
  "shelf-place-v3",
  "sweep-into-v3",
  "lever-pull-v3",
];

export const ML45_TEST_TASKS: readonly MetaWorldTask[] = [
  "bin-picking-v3",
  "box-close-v3",
  "hand-insert-v3",
  "door-lock-v3",
  "door-unlock-v3",
];

export const ML45_TRAIN_TASKS: readonly MetaWorldTask[] = METAWORLD_TASKS.filter((t) => !ML45_TEST_TASKS.includes(t));

/** The environment's observation: hand xyz, gripper, two object slots (pos + quat), the previous frame's 18 values, goal xyz. */
export const OBSERVATION_SIZE = METAWORLD_ENV_OBSERVATION_SIZE;
/** The goal's slots in the observation (zeros in ML benchmarks). */
export const GOAL_SLICE = [36, 39] as const;
/** Action: hand displacement xyz and gripper effort, each in [-1, 1]. */
export const ACTION_SIZE = 4;
