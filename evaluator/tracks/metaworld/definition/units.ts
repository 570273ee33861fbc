import { AppError } from "../../../../lib/core/errors";
import { PARTITIONS, type Partition } from "../../../../lib/benchmark-spec";
import { parseRunKey, partitionRuns, runKey, type RunRef } from "../../../../lib/private-seeds";
import type { UnitPlan } from "../../types";
import { testTasks, type MetaWorldSpec } from "./spec";
import { METAWORLD_TASKS, type MetaWorldTask } from "./tasks";

/**
 * One unit per (test task, run) of each partition, keyed "<task>/<seed>", or "<task>/private-<n>" for a run whose seed
 * is secret: a crash loses one task's goals of one seed.
 */
export function planMetaWorldUnits(spec: MetaWorldSpec): UnitPlan[] {
  const { tasks } = testTasks(spec);
  return PARTITIONS.flatMap((partition: Partition) =>
    partitionRuns(spec, partition).flatMap((run) => tasks.map((task) => ({ key: unitKey(task, run), partition }))),
  );
}

export function unitKey(task: MetaWorldTask, run: RunRef): string {
  return `${task}/${runKey(run)}`;
}

export function parseUnitKey(key: string): { task: MetaWorldTask; run: RunRef } {
  const match = /^([a-z-]+-v3)\/([a-z0-9-]+)$/.exec(key);
  const run = match ? parseRunKey(match[2]!) : undefined;
  if (!match || !(METAWORLD_TASKS as readonly string[]).includes(match[1]!) || !run) {
    throw new AppError("unit_invalid", `"${key}" is not a Meta-World unit key (<task>/<seed> or <task>/private-<n>)`);
  }
  return { task: match[1] as MetaWorldTask, run };
}
