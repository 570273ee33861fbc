/**
 * What a Meta-World agent's observation holds, in order: the environment's 39 numbers, then what the benchmark's
 * `observation` setting appends, as metaworld's own wrappers append it (metaworld/wrappers.py):
 *
 *   plain     nothing: [39]
 *   one-hot   the task's one-hot id (`OneHotWrapper`): [39 + tasks], 1 at the task's place in the benchmark's task
 *             list (metaworld's order: `enumerate(benchmark.train_classes)` in `make_mt_envs`), 0 elsewhere
 *   rl2       the previous action, reward and done flag (`RNNBasedMetaRLWrapper`, RL²): [39 + actions + 2] =
 *             the action the agent returned for the last step, that step's reward / 10, 1 if that step ended the
 *             episode else 0; all zeros at an episode's first observation
 *
 * Here, in the protocol, because the sandboxed runtime checks and describes the observations it hands a bundle.
 */
export const METAWORLD_OBSERVATIONS = ["plain", "one-hot", "rl2"] as const;
export type MetaWorldObservation = (typeof METAWORLD_OBSERVATIONS)[number];

/** The environment's observation: hand xyz, gripper, two object slots (pos + quat), the previous frame's 18, goal xyz. */
export const METAWORLD_ENV_OBSERVATION_SIZE = 39;

/** metaworld's RL² wrapper divides the reward it appends by 10 (`normalize_reward`, on by default). */
export const RL2_REWARD_DIVISOR = 10;

/** One stretch of the observation: what it holds and how many numbers. */
export type ObservationPart = { what: string; size: number };

/** The parts of an observation, in order; `tasks` is the benchmark's number of tasks, `actions` the action's length. */
export function metaworldObservationParts(
  observation: MetaWorldObservation,
  sizes: { tasks: number; actions: number },
): ObservationPart[] {
  const environment = { what: "the environment's observation", size: METAWORLD_ENV_OBSERVATION_SIZE };
  switch (observation) {
    case "plain":
      return [environment];
    case "one-hot":
      return [
        environment,
        { what: `the task's one-hot id among the benchmark's ${sizes.tasks} tasks`, size: sizes.tasks },
      ];
    case "rl2":
      return [
        environment,
        { what: "the previous action", size: sizes.actions },
        { what: "its reward / 10", size: 1 },
        { what: "its done flag", size: 1 },
      ];
  }
}

/** The observation's length. */
export function observationSize(parts: readonly ObservationPart[]): number {
  return parts.reduce((sum, part) => sum + part.size, 0);
}

/** The layout in words, for messages: "49 numbers: 39 (the environment's observation) + 10 (the task's one-hot id …)". */
export function describeObservation(parts: readonly ObservationPart[]): string {
  if (parts.length === 1) return `${parts[0]!.size} numbers (${parts[0]!.what})`;
  return `${observationSize(parts)} numbers: ${parts.map((p) => `${p.size} (${p.what})`).join(" + ")}`;
}

/**
 * The parts of the observation an agent task describes: the one-hot's length is what its observation holds past
 * the environment's 39 numbers.
 */
export function taskObservationParts(task: {
  observation: MetaWorldObservation;
  observationShape: readonly [number];
  actionShape: readonly [number];
}): ObservationPart[] {
  return metaworldObservationParts(task.observation, {
    tasks: task.observationShape[0] - METAWORLD_ENV_OBSERVATION_SIZE,
    actions: task.actionShape[0],
  });
}
