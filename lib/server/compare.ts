import { z } from "zod";
import { listLearningCurveBins } from "@/db/queries/learning-curves";
import type { Partition } from "@/lib/benchmark-spec";
import { listCompareEntries, type CompareEntry } from "@/db/queries/views";
import type { Viewer } from "@/lib/benchmark-access";
import { ECE_BINS } from "@/evaluator/metrics/calibration";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import { definitionFor, type MetricColumn } from "@/evaluator/tracks/definitions";
import { AppError } from "@/lib/core/errors";
import { idSchema } from "@/lib/http/identifiers";
import { listReportedResults } from "@/lib/reported-results/reported-results";
import type { Db } from "@/db/client";
import { requireBenchmarkView, type BenchmarkView } from "./benchmark-view";
import { getDatabase } from "./context";
import { pairedImprovement, stratifiedImprovement, type Improvement } from "./improvement";
import { assertPartitionVisible } from "./leaderboard";
import { curveBinSteps, entryCurves, gamesOf, hnsMatrix, profilePoints } from "./atari-plots";
import {
  learningCurvePlot,
  intervalPlot,
  profilePlot,
  reliabilityPlot,
  renderSvg,
  taskPlot,
  type ReliabilityPoint,
  type TaskPoint,
} from "./plots";
import { atariGameTable, metaworldTaskTable } from "./track-tables";

export const MAX_COMPARED = 8;

export const compareQuerySchema = z.object({
  ids: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(idSchema)
        .min(2, "Pick at least two entries to compare.")
        .max(MAX_COMPARED, `Compare at most ${MAX_COMPARED} entries at once.`),
    ),
  partition: z.enum(["public", "private"]).default("public"),
});
export type CompareQuery = z.infer<typeof compareQuerySchema>;

export type PairComparison = { a: string; b: string; improvement: Improvement | null; note?: string };

/** Values of the primary metric oriented so that higher is better. */
const oriented = (column: MetricColumn, v: number) => (column.higherIsBetter ? v : -v);

/** Atari: rliable's probability of improvement on the entries' runs × games matrices of HNS. */
function compareAtari(a: CompareEntry, b: CompareEntry): PairComparison {
  const games = [...new Set([...gamesOf(a.results), ...gamesOf(b.results)])].sort();
  const [ma, mb] = [hnsMatrix(a.results, games), hnsMatrix(b.results, games)];
  if (!ma || !mb)
    return {
      a: a.id,
      b: b.id,
      improvement: null,
      note: "the entries did not play the same games, or a game lacks runs",
    };
  return { a: a.id, b: b.id, improvement: stratifiedImprovement(ma, mb) };
}

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
    const perTask = tasks.map((t) =>
      rs.filter((r) => r.task === t).map((r) => oriented(column, r.metrics[column.name]!)),
    );
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
    let count = 0,
      confidence = 0,
      correct = 0;
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
 * each beats each other on the primary metric with its interval, per-task means, and the plots as SVG. The
 * benchmark's published results come apart (`reported`): they were not evaluated here, so no pair or plot holds them.
 */
export async function loadComparison(input: { slug: string; viewer: Viewer } & CompareQuery) {
  const { db } = getDatabase();
  const benchmark = await requireBenchmarkView({ slug: input.slug, viewer: input.viewer });
  assertPartitionVisible(benchmark, input.partition);
  const { entries, version } = await loadComparedEntries(db, benchmark, input);
  const columns = definitionFor(benchmark.spec).metrics;
  const primary = columns.find((c) => c.primary) ?? columns[0]!;
  const isAtari = benchmark.spec.track === "atari";
  const pairs = comparePairs(entries, primary, isAtari);
  const taskMeans = isAtari
    ? gameScores(entries)
    : benchmark.spec.track === "metaworld"
      ? taskSuccess(entries)
      : primaryTaskMeans(entries, primary);
  const spec = benchmark.spec;
  const atari = spec.track === "atari" ? await atariViews(entries, spec.learningSteps, input.partition) : undefined;
  const taskLabel = isAtari
    ? "Human-normalized score"
    : benchmark.spec.track === "metaworld"
      ? "Success rate"
      : primary.label;
  const [plots, reported] = await Promise.all([
    comparisonPlots(entries, primary, input.partition, {
      taskMeans,
      taskLabel,
      percent: benchmark.spec.track === "metaworld",
    }),
    listReportedResults(db, benchmark.id),
  ]);
  return {
    benchmark: {
      slug: benchmark.slug,
      title: benchmark.title,
      track: benchmark.track,
      version,
      synthetic: benchmark.synthetic,
    },
    partition: input.partition,
    columns,
    primary: primary.name,
    entries: entries.map((e) => ({
      id: e.id,
      name: e.name,
      entrant: e.entrant,
      isBaseline: e.isBaseline,
      scores: e.scores,
    })),
    pairs,
    taskMeans,
    taskLabel,
    atari: atari && { games: atari.games },
    plots: { ...plots, profiles: atari?.profiles, curves: atari?.curves },
    reported,
  };
}

/** The compared entries, every one of them found and all of one version (the version they share). */
async function loadComparedEntries(db: Db, benchmark: BenchmarkView, input: CompareQuery) {
  const entries = await listCompareEntries(db, {
    benchmarkId: benchmark.id,
    ids: input.ids,
    partition: input.partition,
    publicCutoff: benchmark.phase?.publicCutoff ?? null,
  });
  const missing = input.ids.filter((id) => !entries.some((e) => e.id === id));
  if (missing.length > 0) {
    throw new AppError(
      "entry_not_found",
      `Not a scored public entry of '${benchmark.slug}': ${missing.join(", ")}.`,
      404,
    );
  }
  const versions = [...new Set(entries.map((e) => e.version))].sort((x, y) => x - y);
  if (versions.length > 1) {
    throw new AppError(
      "versions_differ",
      `These entries ran on different versions of '${benchmark.slug}' (v${versions.join(", v")}); compare entries of one version.`,
      400,
    );
  }
  return { entries, version: versions[0]! };
}

/** Each entry against each later one on the primary metric (Atari: on HNS). */
function comparePairs(entries: CompareEntry[], primary: MetricColumn, isAtari: boolean): PairComparison[] {
  const pairs: PairComparison[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      pairs.push(isAtari ? compareAtari(entries[i]!, entries[j]!) : compareTwo(entries[i]!, entries[j]!, primary));
    }
  }
  return pairs;
}

/** The plots every track has, as SVG: the primary metric's intervals, calibration, and the per-task means. */
async function comparisonPlots(
  entries: CompareEntry[],
  primary: MetricColumn,
  partition: Partition,
  tasks: { taskMeans: TaskPoint[]; taskLabel: string; percent: boolean },
) {
  const intervals = entries.flatMap((e) => {
    const m = e.scores[primary.name];
    return m
      ? [
          {
            entry: e.name,
            partition,
            value: m.value,
            low: m.ciLow ?? m.value,
            high: m.ciHigh ?? m.value,
          },
        ]
      : [];
  });
  const calibration = entries.flatMap(reliability);
  const [intervalSvg, reliabilitySvg, taskSvg] = await Promise.all([
    intervals.length
      ? renderSvg(intervalPlot(intervals, { label: primary.label, percent: primary.format === "percent" }))
      : undefined,
    calibration.length ? renderSvg(reliabilityPlot(calibration)) : undefined,
    tasks.taskMeans.length
      ? renderSvg(taskPlot(tasks.taskMeans, { label: tasks.taskLabel, percent: tasks.percent }))
      : undefined,
  ]);
  return { intervals: intervalSvg, reliability: reliabilitySvg, tasks: taskSvg };
}

/** Few-shot: the mean of the primary metric over each task's rows (tasks named in the rows). */
function primaryTaskMeans(entries: CompareEntry[], primary: MetricColumn): TaskPoint[] {
  const tasks = [...new Set(entries.flatMap((e) => e.results.map((r) => r.task)))].filter(Boolean).sort();
  return entries
    .flatMap((e) =>
      tasks.map((task) => {
        const values = e.results
          .filter((r) => r.task === task)
          .map((r) => r.metrics[primary.name])
          .filter((v) => v !== undefined);
        return { entry: e.name, task, value: values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN };
      }),
    )
    .filter((p) => Number.isFinite(p.value));
}

/** Meta-World: each task's success rate with its 95% interval, from the `success/<task>` aggregates. */
function taskSuccess(entries: CompareEntry[]): TaskPoint[] {
  return entries.flatMap((e) =>
    metaworldTaskTable(
      Object.entries(e.scores).map(([metric, s]) => ({ partition: "public" as const, metric, ...s })),
    ).flatMap((row) =>
      row.success
        ? [
            {
              entry: e.name,
              task: row.task,
              value: row.success.value,
              low: row.success.ciLow ?? undefined,
              high: row.success.ciHigh ?? undefined,
            },
          ]
        : [],
    ),
  );
}

/** Atari: each game's HNS, the mean over the entry's runs. */
function gameScores(entries: CompareEntry[]): TaskPoint[] {
  return entries.flatMap((e) =>
    atariGameTable(e.results.map((r) => ({ ...r, partition: "public" as const }))).map((g) => ({
      entry: e.name,
      task: g.game,
      value: g.hns,
    })),
  );
}

/** Atari: the per-game HNS table, the performance profiles and the learning curves of the entries, side by side. */
async function atariViews(entries: CompareEntry[], learningSteps: number, partition: Partition) {
  const games = [...new Set(entries.flatMap((e) => gamesOf(e.results)))].sort();
  const hns = gameScores(entries);
  const table = games.map((game) => ({
    game,
    hns: entries.map((e) => hns.find((p) => p.entry === e.name && p.task === game)?.value),
  }));
  const matrices = entries.flatMap((e) => {
    const matrix = hnsMatrix(e.results, gamesOf(e.results));
    return matrix ? [{ name: e.name, matrix }] : [];
  });
  const bins = await listLearningCurveBins(getDatabase().db, {
    submissionIds: entries.map((e) => e.id),
    partitions: [partition],
    binSteps: curveBinSteps(learningSteps),
    firstLearningRow: LEARNING_ROW_OFFSET,
  });
  const curves = entryCurves(bins, (id) => entries.find((e) => e.id === id)?.name ?? id);
  const [profiles, curveSvg] = await Promise.all([
    matrices.length ? renderSvg(profilePlot(profilePoints(matrices))) : undefined,
    curves.length ? renderSvg(learningCurvePlot(curves, { title: "Entry" })) : undefined,
  ]);
  return { games: table, profiles, curves: curveSvg };
}
export type Comparison = Awaited<ReturnType<typeof loadComparison>>;
