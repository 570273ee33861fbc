import type { TrackDefinition } from "../../types";
import { aggregateRuns, runScores } from "./scoring";
import type { AtariSpec } from "./spec";
import { planAtariUnits } from "./units";

/** Atari 100K: one unit per (game, seed); rows per evaluation episode; aggregates over runs × games of HNS. */
export const atariDefinition: TrackDefinition<AtariSpec> = {
  planUnits: planAtariUnits,
  aggregate: (_spec, rows) => aggregateRuns(runScores(rows)),
  metrics: [
    { name: "iqm", label: "IQM (HNS)", higherIsBetter: true, format: "number", primary: true },
    { name: "median", label: "Median", higherIsBetter: true, format: "number", primary: false },
    { name: "mean", label: "Mean", higherIsBetter: true, format: "number", primary: false },
    { name: "optimalityGap", label: "Optimality gap", higherIsBetter: false, format: "number", primary: false },
    { name: "games", label: "Games completed", higherIsBetter: true, format: "count", primary: false },
  ],
};
