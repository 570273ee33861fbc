/** How a metric reads: a rate as a percentage, a score with 3 decimals, a count as a whole number. */
export const METRIC_FORMATS = ["percent", "number", "count"] as const;
export type MetricFormat = (typeof METRIC_FORMATS)[number];

/** "87.31%", "0.412" or "26". One formatter for the site, the CLI and exports, so they never disagree. */
export function formatValue(format: MetricFormat, value: number): string {
  if (format === "percent") return `${(value * 100).toFixed(2)}%`;
  if (format === "count") return String(Math.round(value));
  return value.toFixed(3);
}

/**
 * A 95% interval: its half-width "± 0.84" when it is symmetric about the value (a normal-approximation interval),
 * otherwise its bounds "[0.121, 0.310]" (a percentile bootstrap interval, e.g. Atari's IQM); "" when there is none.
 */
export function formatInterval(
  format: MetricFormat,
  m: { value: number; ciLow: number | null; ciHigh: number | null },
): string {
  if (m.ciLow === null || m.ciHigh === null) return "";
  const symmetric = Math.abs(m.ciHigh - m.value - (m.value - m.ciLow)) <= 1e-9 * Math.max(1, Math.abs(m.value));
  if (!symmetric) return `[${formatValue(format, m.ciLow)}, ${formatValue(format, m.ciHigh)}]`;
  const half = (m.ciHigh - m.ciLow) / 2;
  return format === "percent" ? `± ${(half * 100).toFixed(2)}` : `± ${half.toFixed(3)}`;
}
