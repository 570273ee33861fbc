import type { MetricColumn } from "@/evaluator/tracks/definitions";
import { formatInterval as formatIntervalAs, formatValue } from "@/lib/metric-format";

type Interval = { value: number; ciLow: number | null; ciHigh: number | null };

/** A column's value per its format ("87.31%", "0.412", "26"). */
export function formatMetric(column: Pick<MetricColumn, "format">, value: number): string {
  return formatValue(column.format, value);
}

/** A column's 95% interval ("± 0.84" or "[0.121, 0.310]"), "" when there is none. */
export function formatInterval(column: Pick<MetricColumn, "format">, m: Interval): string {
  return formatIntervalAs(column.format, m);
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
