import { AppError } from "../../../../lib/core/errors";
import { PARTITIONS, type Partition } from "../../../../lib/benchmark-spec";
import type { UnitPlan } from "../../types";
import { testTasks, type MetaWorldSpec } from "./spec";
import { METAWORLD_TASKS, type MetaWorldTask } from "./tasks";

/** One unit per (test task, seed) of each partition, keyed "<task>/<seed>": a crash loses one task's goals of one seed. */
export function planMetaWorldUnits(spec: MetaWorldSpec): UnitPlan[] {
  const { tasks } = testTasks(spec);
  return PARTITIONS.flatMap((partition: Partition) => spec.partitions[partition].seeds.flatMap((seed) => tasks.map((task) => ({ key: unitKey(task, seed), partition }))));
}

export function unitKey(task: MetaWorldTask, seed: number): string {
  return `${task}/${seed}`;
}

export function parseUnitKey(key: string): { task: MetaWorldTask; seed: number } {
  const match = /^([a-z-]+-v3)\/(\d+)$/.exec(key);
  if (!match || !(METAWORLD_TASKS as readonly string[]).includes(match[1]!)) throw new AppError("unit_invalid", `"${key}" is not a Meta-World unit key (<task>/<seed>)`);
  return { task: match[1] as MetaWorldTask, seed: Number(match[2]) };
}
