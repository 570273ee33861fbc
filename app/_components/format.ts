import type { MetricColumn } from "@/evaluator/tracks";

type Interval = { value: number; ciLow: number | null; ciHigh: number | null };

/** "87.31%" or "0.412" per the column's format. */
export function formatMetric(column: Pick<MetricColumn, "format">, value: number): string {
  return column.format === "percent" ? `${(value * 100).toFixed(2)}%` : value.toFixed(3);
}

/** The half-width of a 95% interval, "± 0.84", or "" when the statistic has none. */
export function formatHalfWidth(column: Pick<MetricColumn, "format">, m: Interval): string {
  if (m.ciLow === null || m.ciHigh === null) return "";
  const half = (m.ciHigh - m.ciLow) / 2;
  return column.format === "percent" ? `± ${(half * 100).toFixed(2)}` : `± ${half.toFixed(3)}`;
}

export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return "—";
  const d = typeof date === "string" ? new Date(date) : date;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
