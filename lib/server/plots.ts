import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Charts are Vega-Lite specs rendered to SVG on the server, so pages read without JavaScript and the same
 * picture can be downloaded. Only inline data is used: no spec here loads anything.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

// Entry names are shown whole: Vega's default label limits (160–180 px) cut them to "finetune-cor…".
const CONFIG = {
  font: "ui-sans-serif, system-ui, sans-serif",
  legend: { labelLimit: 480 },
  axis: { labelLimit: 480 },
};

/**
 * An explicit domain spanning every value given, padded by 3% of the span on each side (so a point or interval at
 * the edge is drawn whole). Vega's "nice" rounding can otherwise end the axis just inside the top entry's interval.
 */
export function coveringDomain(values: number[]): [number, number] {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const pad = (high - low || Math.abs(high) || 1) * 0.03;
  return [low - pad, high + pad];
}

export type IntervalPoint = { entry: string; partition: string; value: number; low: number; high: number };

/** One point per entry (and partition) with its 95% interval as a bar. */
export function intervalPlot(points: IntervalPoint[], metric: { label: string; percent: boolean }): TopLevelSpec {
  const format = metric.percent ? ".1%" : ".3f";
  const values = points.flatMap((p) => [p.low, p.value, p.high]);
  const scale = { domain: coveringDomain(values), nice: false, zero: false };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    width: 480,
    data: { values: points },
    encoding: {
      y: { field: "entry", type: "nominal", title: null, sort: null },
      yOffset: { field: "partition", type: "nominal" },
      color: { field: "partition", type: "nominal", title: "Partition" },
    },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          x: { field: "low", type: "quantitative", title: `${metric.label} (95% CI)`, axis: { format }, scale },
          x2: { field: "high" },
        },
      },
      {
        mark: { type: "point", filled: true, size: 60 },
        encoding: { x: { field: "value", type: "quantitative" }, tooltip: [{ field: "value", format }] },
      },
    ],
  };
}

export type ReliabilityPoint = { entry: string; confidence: number; accuracy: number; count: number };

/** A bin holding fewer predictions than this says little about calibration: it is drawn hollow. */
export const MIN_RELIABLE_BIN = 30;

/**
 * Reliability diagram: accuracy against mean confidence per confidence bin; the diagonal is perfect calibration.
 * A point's area shows how many predictions its bin holds, and bins under MIN_RELIABLE_BIN are hollow, so a bin of
 * one or two queries (accuracy 0 or 1 by necessity) does not read like a measured one.
 */
export function reliabilityPlot(points: ReliabilityPoint[]): TopLevelSpec {
  const x = {
    field: "confidence",
    type: "quantitative" as const,
    title: "Confidence (mean per bin)",
    scale: { domain: [0, 1] },
  };
  const y = { field: "accuracy", type: "quantitative" as const, title: "Accuracy", scale: { domain: [0, 1] } };
  const color = { field: "entry", type: "nominal" as const, title: "Entry", sort: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    width: 360,
    height: 360,
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: "line", strokeDash: [4, 4], color: "#94a3b8" },
        encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
      },
      { data: { values: points }, mark: { type: "line", strokeWidth: 1 }, encoding: { x, y, color } },
      binPoints(points, { reliable: true, x, y, color }),
      binPoints(points, { reliable: false, x, y, color }),
    ],
  };
}

/** The reliability diagram's bins holding at least MIN_RELIABLE_BIN predictions (filled), or fewer (hollow). */
function binPoints(
  points: ReliabilityPoint[],
  { reliable, ...channels }: { reliable: boolean; x: object; y: object; color: object },
) {
  return {
    data: { values: points },
    transform: [{ filter: `datum.count ${reliable ? ">=" : "<"} ${MIN_RELIABLE_BIN}` }],
    mark: { type: "point" as const, filled: reliable, strokeWidth: 1.5 },
    encoding: {
      ...channels,
      size: {
        field: "count",
        type: "quantitative" as const,
        title: "Predictions in bin",
        scale: { type: "sqrt" as const, range: [12, 400] },
      },
      tooltip: [{ field: "entry" }, { field: "count", title: "predictions" }, { field: "accuracy", format: ".3f" }],
    },
  };
}

export type TaskPoint = { entry: string; task: string; value: number; low?: number; high?: number };

/**
 * One bar per entry within each task (a game, a Meta-World task): the mean over its runs, with its 95% interval as a
 * rule where the points carry one. `percent` formats the axis as a percentage (success rates).
 */
export function taskPlot(points: TaskPoint[], metric: { label: string; percent?: boolean }): TopLevelSpec {
  const axis = { format: metric.percent ? ".0%" : ".2f" };
  const withIntervals = points.filter((p) => p.low !== undefined && p.high !== undefined);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    width: 480,
    data: { values: points },
    encoding: {
      y: { field: "task", type: "nominal", title: null },
      yOffset: { field: "entry", type: "nominal", sort: null },
      color: { field: "entry", type: "nominal", title: "Entry", sort: null },
    },
    layer: [
      {
        mark: "bar",
        encoding: { x: { field: "value", type: "quantitative", title: `${metric.label} (mean over runs)`, axis } },
      },
      ...(withIntervals.length
        ? [
            {
              data: { values: withIntervals },
              mark: { type: "rule" as const, strokeWidth: 1.5 },
              encoding: {
                x: { field: "low", type: "quantitative" as const },
                x2: { field: "high" },
                color: { value: "#1e293b" },
              },
            },
          ]
        : []),
    ],
  };
}

export type ProfilePlotPoint = { entry: string; tau: number; value: number; low: number; high: number };

/**
 * Performance profiles (rliable's score distributions): for each τ the fraction of runs × games with HNS above τ,
 * one line per entry with its 95% stratified-bootstrap band.
 */
export function profilePlot(points: ProfilePlotPoint[]): TopLevelSpec {
  const x = { field: "tau", type: "quantitative" as const, title: "Human-normalized score τ" };
  const color = { field: "entry", type: "nominal" as const, title: "Entry", sort: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    width: 420,
    height: 300,
    data: { values: points },
    layer: [
      {
        mark: { type: "area", opacity: 0.2, interpolate: "step-after" },
        encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color },
      },
      {
        mark: { type: "line", interpolate: "step-after" },
        encoding: {
          x,
          y: {
            field: "value",
            type: "quantitative",
            title: "Fraction of runs with score > τ",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          color,
        },
      },
    ],
  };
}

export type CurvePoint = { game: string; series: string; step: number; value: number };

/**
 * Learning curves, one small chart per game: return of the learning episodes against the agent step at which they
 * ended (binned), one line per series — a seed on a submission's page, an entry on the compare page.
 */
export function learningCurvePlot(points: CurvePoint[], series: { title: string }): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    data: { values: points },
    facet: { field: "game", type: "nominal", title: null },
    columns: 4,
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 170,
      height: 110,
      mark: { type: "line", strokeWidth: 1.5 },
      encoding: {
        x: { field: "step", type: "quantitative", title: "Agent steps", axis: { format: "~s", tickCount: 4 } },
        y: { field: "value", type: "quantitative", title: "Return", scale: { zero: false } },
        color: { field: "series", type: "nominal", title: series.title, sort: null },
      },
    },
  };
}

export type RevealPoint = { entrant: string; submissions: number; partition: string; value: number };

/** Each entrant's selected entry: public and private score against how many submissions the entrant made. */
export function revealPlot(points: RevealPoint[], metric: { label: string; percent: boolean }): TopLevelSpec {
  const format = metric.percent ? ".1%" : ".3f";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    width: 480,
    height: 320,
    data: { values: points },
    encoding: {
      x: { field: "submissions", type: "quantitative", title: "Submissions by the entrant" },
      y: { field: "value", type: "quantitative", title: metric.label, axis: { format }, scale: { zero: false } },
    },
    layer: [
      { mark: { type: "line", color: "#cbd5e1" }, encoding: { detail: { field: "entrant", type: "nominal" } } },
      {
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          color: { field: "partition", type: "nominal", title: "Partition" },
          shape: { field: "partition", type: "nominal" },
          tooltip: [{ field: "entrant" }, { field: "partition" }, { field: "value", format }],
        },
      },
    ],
  };
}
