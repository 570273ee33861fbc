import { describeObservation, observationSize } from "../../../protocol/metaworld-observation";
import type { TrackDefinition } from "../../types";
import { aggregateGoals } from "./scoring";
import { observationParts, type MetaWorldSpec } from "./spec";
import { planMetaWorldUnits } from "./units";

/**
 * Meta-World: one unit per (test task, seed); rows per goal; success rate per task and overall with bootstrap 95%
 * intervals over goals and seeds.
 */
export const metaworldDefinition: TrackDefinition<MetaWorldSpec> = {
  planUnits: planMetaWorldUnits,
  aggregate: (_spec, rows) => aggregateGoals(rows),
  metrics: [
    { name: "success", label: "Success rate", higherIsBetter: true, format: "percent", primary: true },
    { name: "return", label: "Mean return", higherIsBetter: true, format: "number", primary: false },
    { name: "tasks", label: "Tasks", higherIsBetter: true, format: "count", primary: false },
  ],
  modelInputProblem(spec, inputShape) {
    const parts = observationParts(spec);
    const size = observationSize(parts);
    if (inputShape.length === 1 && inputShape[0] === size) return undefined;
    return `its policy model must take [1, ${size}] inputs: the observations are ${describeObservation(parts)}; this model takes [1, ${inputShape.join(", ")}]`;
  },
};
