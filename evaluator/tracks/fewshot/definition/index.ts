import type { FewshotSpec } from "@/lib/benchmark-spec";
import { PARTITIONS } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/core/errors";
import type { TrackDefinition } from "../../types";
import { openFewshotDataset } from "./dataset";
import { aggregateEpisodes } from "./scoring";

/** Rejects a spec its dataset cannot serve (too many ways for the test classes, too many images per class). */
export function checkFewshotSpec(spec: FewshotSpec, datasetsDir?: string): void {
  const dataset = openFewshotDataset(spec.dataset, datasetsDir);
  if (spec.ways > dataset.testClasses.length) {
    throw new AppError(
      "spec_invalid",
      `${spec.ways}-way episodes need ${spec.ways} test classes; ${dataset.name} has ${dataset.testClasses.length}`,
    );
  }
  if (spec.shots + spec.queries > dataset.drawers) {
    throw new AppError(
      "spec_invalid",
      `${spec.shots} shots + ${spec.queries} queries need ${spec.shots + spec.queries} images per class; ${dataset.name} has ${dataset.drawers}`,
    );
  }
}

/** Few-shot classification: one unit per partition, one result row per episode. */
export const fewshotDefinition: TrackDefinition<FewshotSpec> = {
  planUnits(spec) {
    // A store benchmark was checked against its data when it was registered; the host planning units (the site)
    // need not mount the datasets.
    if (spec.dataset.source === "glyphs") checkFewshotSpec(spec);
    return PARTITIONS.map((partition) => ({ key: partition, partition }));
  },
  aggregate: (_spec, rows) => aggregateEpisodes(rows),
  metrics: [
    { name: "accuracy", label: "Accuracy", higherIsBetter: true, format: "percent", primary: true },
    { name: "nll", label: "NLL", higherIsBetter: false, format: "number", primary: false },
    { name: "brier", label: "Brier", higherIsBetter: false, format: "number", primary: false },
    { name: "ece", label: "ECE", higherIsBetter: false, format: "percent", primary: false },
  ],
};
