import { checkedEnv } from "../../envs/checked-env";
import { openGymEnv } from "../../envs/python-env";
import type { Env } from "../../envs/types";
import type { MetaWorldSpec } from "./definition/spec";
import type { MetaWorldTask } from "./definition/tasks";

/** The shim's Gymnasium id for one Meta-World task with a goal chosen per reset (evaluator/envs/python/metaworld_env.py). */
export const METAWORLD_ENV_ID = "Heldout/MetaWorld-v1";

export type MetaWorldEnvOptions = {
  benchmark: MetaWorldSpec["benchmark"];
  split: "train" | "test";
  task: MetaWorldTask;
  seed: number;
  /** Where the goals come from: the spec's `goals` (omitted: official-v1, the spec's default). */
  goals?: MetaWorldSpec["goals"];
  python?: string;
};

/**
 * One Meta-World task in its own Python process, checked. Its 50 goals are those of `goals` for (task, seed); the
 * first reset must pick one with `{options: {goal}}`, later resets keep it until another is picked.
 */
export async function openMetaWorldEnv(options: MetaWorldEnvOptions): Promise<Env> {
  const env = await openGymEnv({
    id: METAWORLD_ENV_ID,
    kwargs: {
      benchmark: options.benchmark,
      split: options.split,
      env_name: options.task,
      seed: options.seed,
      goals: options.goals ?? "official-v1",
    },
    python: options.python,
    // make may draw goals (50 simulator resets per task class drawn): allow for a loaded machine.
    replySeconds: 120,
  });
  return checkedEnv(env, `Meta-World ${options.benchmark} ${options.task}`);
}
