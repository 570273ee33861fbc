import {
  ML10_TEST_TASKS,
  ML10_TRAIN_TASKS,
  ML45_TEST_TASKS,
  ML45_TRAIN_TASKS,
} from "@/evaluator/tracks/metaworld/definition/tasks";
import type { AtariSpec, MetaWorldSpec } from "@/lib/benchmark-spec";
import { findOverlaps, type LeakageReport } from "./leakage";

/** The leakage check of an RL spec: Meta-World ML10 / ML45 train vs test tasks; the other protocols have no task split. */
export function checkRlLeakage(spec: AtariSpec | MetaWorldSpec): LeakageReport {
  if (spec.track === "atari") {
    return {
      unit: "task",
      checked: "Atari 100K has no meta-train/meta-test split; public and private seeds are disjoint",
      overlaps: [],
    };
  }
  switch (spec.benchmark) {
    case "ML1":
      return { unit: "task", checked: `ML1 meta-tests held-out goals of ${spec.task}: no task split`, overlaps: [] };
    case "MT10":
      return { unit: "task", checked: "MT10 scores its training tasks (multi-task): no meta-test split", overlaps: [] };
    case "ML10":
    case "ML45": {
      const [train, test] =
        spec.benchmark === "ML10" ? [ML10_TRAIN_TASKS, ML10_TEST_TASKS] : [ML45_TRAIN_TASKS, ML45_TEST_TASKS];
      return {
        unit: "task",
        checked: `${spec.benchmark}: ${train.length} meta-train and ${test.length} meta-test tasks`,
        overlaps: findOverlaps([
          { side: "train", items: train },
          { side: "test", items: test },
        ]),
      };
    }
  }
}
