import type { MetricColumn } from "@/evaluator/tracks";

type Interval = { value: number; ciLow: number | null; ciHigh: number | null };

/** "87.31%" or "0.412" per the column's format. */
export function formatMetric(column: Pick<MetricColumn, "format">, value: number): string {
  return column.format === "percent" ? `${(value * 100).toFixed(2)}%` : value.toFixed(3);
}

/**
 * A 95% interval: its half-width "± 0.84" when it is symmetric about the value (a normal-approximation interval),
 * otherwise its bounds "[0.121, 0.310]" (a percentile bootstrap interval, e.g. Atari's IQM); "" when there is none.
 */
export function formatInterval(column: Pick<MetricColumn, "format">, m: Interval): string {
  if (m.ciLow === null || m.ciHigh === null) return "";
  const half = (m.ciHigh - m.ciLow) / 2;
  const symmetric = Math.abs(m.ciHigh - m.value - (m.value - m.ciLow)) <= 1e-9 * Math.max(1, Math.abs(m.value));
  if (!symmetric) return `[${formatMetric(column, m.ciLow)}, ${formatMetric(column, m.ciHigh)}]`;
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
