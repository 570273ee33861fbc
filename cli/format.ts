import { formatValue, type MetricFormat } from "@/lib/metric-format";
import type { MetricValue, Score } from "./api";

/** A metric as the site shows it, with its 95% interval's bounds when there is one. */
export function formatMetric(value: Pick<MetricValue, "value" | "ciLow" | "ciHigh">, format: MetricFormat): string {
  const show = (v: number) => formatValue(format, v);
  if (value.ciLow === null || value.ciHigh === null) return show(value.value);
  return `${show(value.value)} [${show(value.ciLow)}, ${show(value.ciHigh)}]`;
}

/** Plain-text table with left-aligned columns separated by two spaces. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** Scores as a table, one line per partition and metric (3 decimals: the submission view carries no column formats). */
export function renderScores(scores: Score[]): string {
  if (scores.length === 0) return "No scores yet.\n";
  return renderTable(
    ["partition", "metric", "value [95% CI]", "n"],
    scores.map((s) => [s.partition, s.metric, formatMetric(s, "number"), String(s.n)]),
  );
}
