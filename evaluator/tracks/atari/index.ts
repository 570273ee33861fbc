import type { AggregateRow, MetricColumn, ResultRow, UnitPlan } from "../types";
import { runAtariUnit, type AtariUnitContext } from "./driver";
import { aggregateRuns, runScores } from "./scoring";
import type { AtariSpec } from "./spec";
import { planAtariUnits } from "./units";

/**
 * Atari 100K: one unit per (game, seed); rows per evaluation episode; aggregates over runs × games of HNS.
 * Shaped as Track<AtariSpec>; typed as such once AtariSpec joins lib/benchmark-spec.ts's union.
 */
export const atariTrack: {
  planUnits(spec: AtariSpec): UnitPlan[];
  runUnit(context: AtariUnitContext): Promise<ResultRow[]>;
  aggregate(spec: AtariSpec, rows: ResultRow[]): AggregateRow[];
  metrics: MetricColumn[];
} = {
  planUnits: planAtariUnits,
  runUnit: (context) => runAtariUnit(context),
  aggregate: (_spec, rows) => aggregateRuns(runScores(rows)),
  metrics: [
    { name: "iqm", label: "IQM (HNS)", higherIsBetter: true, format: "number", primary: true },
    { name: "median", label: "Median", higherIsBetter: true, format: "number", primary: false },
    { name: "mean", label: "Mean", higherIsBetter: true, format: "number", primary: false },
    { name: "optimalityGap", label: "Optimality gap", higherIsBetter: false, format: "number", primary: false },
    { name: "games", label: "Games", higherIsBetter: true, format: "number", primary: false },
  ],
};
