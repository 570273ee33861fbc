import type { MetricColumn } from "@/evaluator/tracks/definitions";
import { formatInterval, formatMetric } from "./format";

type Measured = { value: number; ciLow: number | null; ciHigh: number | null };

/** A score in its column's format with its interval after it, or a dash when there is none. */
export function MetricValue({ column, score }: { column: Pick<MetricColumn, "format">; score: Measured | undefined }) {
  return score ? (
    <>
      {formatMetric(column, score.value)}{" "}
      <span className="text-xs text-slate-400">{formatInterval(column, score)}</span>
    </>
  ) : (
    "—"
  );
}
