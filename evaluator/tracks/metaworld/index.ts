import type { Track } from "../types";
import { runMetaWorldUnit } from "./driver";
import { aggregateGoals } from "./definition/scoring";
import type { MetaWorldSpec } from "./definition/spec";
import { planMetaWorldUnits } from "./definition/units";

/**
 * Meta-World: one unit per (test task, seed); rows per goal; success rate per task and overall with bootstrap 95%
 * intervals over goals and seeds.
 */
export const metaworldTrack: Track<MetaWorldSpec> = {
  planUnits: planMetaWorldUnits,
  runUnit: (context) => runMetaWorldUnit(context),
  aggregate: (_spec, rows) => aggregateGoals(rows),
  metrics: [
    { name: "success", label: "Success rate", higherIsBetter: true, format: "percent", primary: true },
    { name: "return", label: "Mean return", higherIsBetter: true, format: "number", primary: false },
    { name: "tasks", label: "Tasks", higherIsBetter: true, format: "count", primary: false },
  ],
};
