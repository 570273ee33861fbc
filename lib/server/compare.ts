import { z } from "zod";
import { getBenchmarkView, listCompareEntries, type CompareEntry, type Viewer } from "@/db/queries/views";
import { ECE_BINS } from "@/evaluator/metrics/calibration";
import { trackFor, type MetricColumn } from "@/evaluator/tracks";
import { AppError } from "@/lib/errors";
import { getDatabase } from "./context";
import { pairedImprovement, stratifiedImprovement, type Improvement } from "./improvement";
import { assertPartitionVisible } from "./leaderboard";
import { intervalPlot, reliabilityPlot, renderSvg, taskPlot, type ReliabilityPoint } from "./plots";

export const MAX_COMPARED = 8;

export const compareQuerySchema = z.object({
  ids: z
    .string()
    .transform((s) => [...new Set(s.split(",").map((id) => id.trim()).filter(Boolean))])
    .pipe(z.array(z.string()).min(2, "Pick at least two entries to compare.").max(MAX_COMPARED, `Compare at most ${MAX_COMPARED} entries at once.`)),
  partition: z.enum(["public", "private"]).default("public"),
});
export type CompareQuery = z.infer<typeof compareQuerySchema>;

export type PairComparison = { a: string; b: string; improvement: Improvement | null; note?: string };

/** Values of the primary metric oriented so that higher is better. */
const oriented = (column: MetricColumn, v: number) => (column.higherIsBetter ? v : -v);

function compareTwo(a: CompareEntry, b: CompareEntry, column: MetricColumn): PairComparison {
  const rows = (e: CompareEntry) => e.results.filter((r) => r.metrics[column.name] !== undefined);
  const [ra, rb] = [rows(a), rows(b)];
  if (ra.length === 0 || rb.length === 0) return { a: a.id, b: b.id, improvement: null, note: "no raw results stored" };
  const tasks = [...new Set([...ra, ...rb].map((r) => r.task))].sort();
  if (tasks.length === 1 && tasks[0] === "") {
    // Few-shot: episode i is the same episode for every entry of a version, so scores pair by index.
    const byIndex = new Map(rb.map((r) => [r.index, r.metrics[column.name]!]));
    const common = ra.filter((r) => byIndex.has(r.index));
    if (common.length === 0) return { a: a.id, b: b.id, improvement: null, note: "no episode in common" };
    return {
      a: a.id,
      b: b.id,
      improvement: pairedImprovement(
        common.map((r) => oriented(column, r.metrics[column.name]!)),
        common.map((r) => oriented(column, byIndex.get(r.index)!)),
      ),
    };
  }
  // Independent runs per task: runs × tasks matrices, which need the same number of runs in every task.
  const matrix = (rs: typeof ra) => {
    const perTask = tasks.map((t) => rs.filter((r) => r.task === t).map((r) => oriented(column, r.metrics[column.name]!)));
    const runs = perTask[0]!.length;
    if (runs === 0 || perTask.some((c) => c.length !== runs)) return undefined;
    return Array.from({ length: runs }, (_, r) => perTask.map((c) => c[r]!));
  };
  const [ma, mb] = [matrix(ra), matrix(rb)];
  if (!ma || !mb) return { a: a.id, b: b.id, improvement: null, note: "runs differ between tasks" };
  return { a: a.id, b: b.id, improvement: stratifiedImprovement(ma, mb) };
}

/** Calibration bins summed over an entry's episodes, from the `ece.count|conf|correct.<b>` statistics stored per episode. */
function reliability(entry: CompareEntry): ReliabilityPoint[] {
  const points: ReliabilityPoint[] = [];
  for (let b = 0; b < ECE_BINS; b++) {
    let count = 0, confidence = 0, correct = 0;
    for (const r of entry.results) {
      count += r.metrics[`ece.count.${b}`] ?? 0;
      confidence += r.metrics[`ece.conf.${b}`] ?? 0;
      correct += r.metrics[`ece.correct.${b}`] ?? 0;
    }
    if (count > 0) points.push({ entry: entry.name, confidence: confidence / count, accuracy: correct / count, count });
  }
  return points;
}

/**
 * Two or more public, scored entries of one benchmark version side by side: every aggregate, the probability that
 * each beats each other on the primary metric with its interval, per-task means, and the plots as SVG.
 */
export async function loadComparison(input: { slug: string; viewer: Viewer } & CompareQuery) {
  const { db } = getDatabase();
  const benchmark = await getBenchmarkView(db, { slug: input.slug, viewer: input.viewer });
  if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named '${input.slug}'.`, 404);
  assertPartitionVisible(benchmark, input.partition);
  const entries = await listCompareEntries(db, { benchmarkId: benchmark.id, ids: input.ids, partition: input.partition });
  const missing = input.ids.filter((id) => !entries.some((e) => e.id === id));
  if (missing.length > 0) {
    throw new AppError("entry_not_found", `Not a scored public entry of '${benchmark.slug}': ${missing.join(", ")}.`, 404);
  }
  const versions = [...new Set(entries.map((e) => e.version))].sort((x, y) => x - y);
  if (versions.length > 1) {
    throw new AppError(
      "versions_differ",
      `These entries ran on different versions of '${benchmark.slug}' (v${versions.join(", v")}); compare entries of one version.`,
      400,
    );
  }
  const columns = trackFor(benchmark.spec).metrics;
  const primary = columns.find((c) => c.primary) ?? columns[0]!;
  const pairs: PairComparison[] = [];
  for (let i = 0; i < entries.length; i++) for (let j = i + 1; j < entries.length; j++) pairs.push(compareTwo(entries[i]!, entries[j]!, primary));

  const tasks = [...new Set(entries.flatMap((e) => e.results.map((r) => r.task)))].filter(Boolean).sort();
  const taskMeans = entries.flatMap((e) =>
    tasks.map((task) => {
      const values = e.results.filter((r) => r.task === task).map((r) => r.metrics[primary.name]).filter((v) => v !== undefined);
      return { entry: e.name, task, value: values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN };
    }),
  ).filter((p) => Number.isFinite(p.value));
  const intervals = entries.flatMap((e) => {
    const m = e.scores[primary.name];
    return m ? [{ entry: e.name, partition: input.partition, value: m.value, low: m.ciLow ?? m.value, high: m.ciHigh ?? m.value }] : [];
  });
  const calibration = entries.flatMap(reliability);
  const [intervalSvg, reliabilitySvg, taskSvg] = await Promise.all([
    intervals.length ? renderSvg(intervalPlot(intervals, { label: primary.label, percent: primary.format === "percent" })) : undefined,
    calibration.length ? renderSvg(reliabilityPlot(calibration)) : undefined,
    taskMeans.length ? renderSvg(taskPlot(taskMeans, { label: primary.label })) : undefined,
  ]);
  return {
    benchmark: { slug: benchmark.slug, title: benchmark.title, track: benchmark.track, version: versions[0]!, synthetic: benchmark.synthetic },
    partition: input.partition,
    columns,
    primary: primary.name,
    entries: entries.map((e) => ({ id: e.id, name: e.name, entrant: e.entrant, isBaseline: e.isBaseline, scores: e.scores })),
    pairs,
    taskMeans,
    plots: { intervals: intervalSvg, reliability: reliabilitySvg, tasks: taskSvg },
  };
}
export type Comparison = Awaited<ReturnType<typeof loadComparison>>;
