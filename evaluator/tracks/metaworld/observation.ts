import { PlatformError } from "../../../lib/core/errors";
import {
  METAWORLD_ENV_OBSERVATION_SIZE,
  RL2_REWARD_DIVISOR,
  type MetaWorldObservation,
} from "../../protocol/metaworld-observation";
import { ACTION_SIZE, GOAL_SLICE } from "./definition/tasks";

/** What the last step was, for RL²'s suffix: the action as the agent returned it, its reward, whether it ended the episode. */
export type LastStep = { action: readonly number[]; reward: number; done: boolean };

export type ObservationOptions = {
  observation: MetaWorldObservation;
  /** Zero the goal's 3 values first (ML benchmarks; the environment zeroes them too). */
  hideGoal: boolean;
  /** one-hot: the task's place in the benchmark's task list, and that list's length. */
  taskIndex?: number;
  tasks?: number;
};

/**
 * The observation the agent sees, built from the environment's 39 numbers as metaworld's wrappers build theirs
 * (metaworld/wrappers.py): `OneHotWrapper.observation` appends the one-hot id; `RNNBasedMetaRLWrapper` appends, after a
 * step, the action it was given, reward / 10 and float(terminated or truncated), and after a reset zeros in their place.
 * `last` is undefined at an episode's first observation.
 */
export function agentObservation(
  options: ObservationOptions,
  environment: ArrayLike<number>,
  last?: LastStep,
): Float32Array {
  const base = Float32Array.from(environment);
  if (base.length !== METAWORLD_ENV_OBSERVATION_SIZE)
    throw new PlatformError(
      `a Meta-World observation has ${METAWORLD_ENV_OBSERVATION_SIZE} values, not ${base.length}`,
    );
  if (options.hideGoal) base.fill(0, GOAL_SLICE[0], GOAL_SLICE[1]);
  switch (options.observation) {
    case "plain":
      return base;
    case "one-hot": {
      const { taskIndex, tasks } = options;
      if (tasks === undefined || taskIndex === undefined || taskIndex < 0 || taskIndex >= tasks)
        throw new PlatformError(`a one-hot id needs the task's place among the tasks (got ${taskIndex} of ${tasks})`);
      const out = new Float32Array(METAWORLD_ENV_OBSERVATION_SIZE + tasks);
      out.set(base);
      out[METAWORLD_ENV_OBSERVATION_SIZE + taskIndex] = 1;
      return out;
    }
    case "rl2": {
      const out = new Float32Array(METAWORLD_ENV_OBSERVATION_SIZE + ACTION_SIZE + 2);
      out.set(base);
      if (last) {
        out.set(last.action, METAWORLD_ENV_OBSERVATION_SIZE);
        out[METAWORLD_ENV_OBSERVATION_SIZE + ACTION_SIZE] = last.reward / RL2_REWARD_DIVISOR;
        out[METAWORLD_ENV_OBSERVATION_SIZE + ACTION_SIZE + 1] = last.done ? 1 : 0;
      }
      return out;
    }
  }
}
