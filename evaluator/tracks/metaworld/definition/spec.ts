/** The Meta-World benchmark spec; the schema lives in lib/benchmark-spec.ts with every other track's. */
import { metaworldObservation, metaworldSpecSchema, type MetaWorldSpec } from "../../../../lib/benchmark-spec";
import { metaworldObservationParts, type ObservationPart } from "../../../protocol/metaworld-observation";
import { ACTION_SIZE, ML10_TEST_TASKS, ML45_TEST_TASKS, MT10_TASKS, type MetaWorldTask } from "./tasks";

export { metaworldObservation, metaworldSpecSchema, type MetaWorldSpec };

/** The tasks a spec scores, and the metaworld split their goals come from. */
export function testTasks(spec: Pick<MetaWorldSpec, "benchmark" | "task">): {
  split: "train" | "test";
  tasks: readonly MetaWorldTask[];
} {
  switch (spec.benchmark) {
    case "ML1":
      return { split: "test", tasks: [spec.task!] };
    case "ML10":
      return { split: "test", tasks: ML10_TEST_TASKS };
    case "ML45":
      return { split: "test", tasks: ML45_TEST_TASKS };
    case "MT10":
      return { split: "train", tasks: MT10_TASKS };
  }
}

/** ML benchmarks hide the goal from the agent; MT10 shows it. */
export function goalHidden(spec: Pick<MetaWorldSpec, "benchmark">): boolean {
  return spec.benchmark !== "MT10";
}

/**
 * The agent's observation for a spec, part by part (evaluator/protocol/metaworld-observation.ts): a one-hot id is as
 * long as the benchmark's task list (MT10: 10), an RL² suffix holds the 4 action values, the reward and done.
 */
export function observationParts(spec: Pick<MetaWorldSpec, "benchmark" | "task" | "observation">): ObservationPart[] {
  return metaworldObservationParts(metaworldObservation(spec), {
    tasks: testTasks(spec).tasks.length,
    actions: ACTION_SIZE,
  });
}
