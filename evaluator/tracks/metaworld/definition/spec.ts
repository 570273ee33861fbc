/** The Meta-World benchmark spec; the schema lives in lib/benchmark-spec.ts with every other track's. */
import { metaworldSpecSchema, type MetaWorldSpec } from "../../../../lib/benchmark-spec";
import { ML10_TEST_TASKS, ML45_TEST_TASKS, MT10_TASKS, type MetaWorldTask } from "./tasks";

export { metaworldSpecSchema, type MetaWorldSpec };

/** The tasks a spec scores, and the metaworld split their goals come from. */
export function testTasks(spec: Pick<MetaWorldSpec, "benchmark" | "task">): { split: "train" | "test"; tasks: readonly MetaWorldTask[] } {
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
