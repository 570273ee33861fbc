import { createRng } from "@/lib/core/random";
import { performanceProfile } from "@/evaluator/metrics/performance-profile";
import { LEARNING_ROW_OFFSET, runScores } from "@/evaluator/tracks/atari/definition/scoring";
import {
  findLearningSteps,
  listEvaluationRows,
  listLearningCurveBins,
  type CurveBin,
} from "@/db/queries/learning-curves";
import type { Partition } from "@/lib/benchmark-spec";
import { getDatabase } from "./context";
import { learningCurvePlot, profilePlot, renderSvg, taskPlot, type CurvePoint, type ProfilePlotPoint } from "./plots";
import type { AtariGameRow } from "./track-tables";

type Row = { task: string; index: number; metrics: Record<string, number> };

/** Replications of the profile bands: rliable's default for performance profiles. */
const PROFILE_REPS = 2000;
const PROFILE_SEED = 20240607;
/** Points along τ; the profile is a step function of the few scores there are, so a fine grid shows it whole. */
const PROFILE_STEPS = 60;

/**
 * One entry's runs × games matrix of HNS over `games` (columns in that order, runs in seed order), from its
 * evaluation rows (learning rows left out); undefined when a game is missing or the games have different numbers of
 * runs, which rliable's matrix statistics cannot take.
 */
export function hnsMatrix(rows: Row[], games: readonly string[]): number[][] | undefined {
  const runs = runScores(rows.filter((r) => r.index < LEARNING_ROW_OFFSET));
  const columns = games.map((game) =>
    runs
      .filter((r) => r.game === game)
      .sort((a, b) => a.seed - b.seed)
      .map((r) => r.hns),
  );
  const n = columns[0]?.length ?? 0;
  if (n === 0 || columns.some((c) => c.length !== n)) return undefined;
  return Array.from({ length: n }, (_, r) => columns.map((c) => c[r]!));
}

/** The games an entry has evaluation results for, in name order. */
export function gamesOf(rows: Row[]): string[] {
  return [
    ...new Set(rows.filter((r) => r.index < LEARNING_ROW_OFFSET && r.metrics.return !== undefined).map((r) => r.task)),
  ].sort();
}

/** τ from 0 to the largest score shown (at least human level, 1), the same grid for every entry of a plot. */
export function profileTaus(matrices: number[][][]): number[] {
  const top = Math.max(1, ...matrices.flatMap((m) => m.flat()));
  return Array.from({ length: PROFILE_STEPS + 1 }, (_, i) => (top * i) / PROFILE_STEPS);
}

/** Each entry's performance profile with its 95% band, from a fixed seed so the page is stable. */
export function profilePoints(entries: { name: string; matrix: number[][] }[]): ProfilePlotPoint[] {
  const taus = profileTaus(entries.map((e) => e.matrix));
  return entries.flatMap(({ name, matrix }) =>
    performanceProfile(matrix, taus, { reps: PROFILE_REPS, rng: createRng(PROFILE_SEED) }).map((p) => ({
      entry: name,
      ...p,
    })),
  );
}

/** Bins of about 1/25 of the learning budget: a few dozen points per curve. */
export function curveBinSteps(learningSteps: number): number {
  return Math.max(1, Math.ceil(learningSteps / 25));
}

/** A submission's curves: one line per seed (and partition, when both are shown). */
export function seedCurves(bins: CurveBin[]): CurvePoint[] {
  const partitions = new Set(bins.map((b) => b.partition));
  return bins.map((b) => ({
    game: b.game,
    series: partitions.size > 1 ? `${b.partition} seed ${b.seed}` : `seed ${b.seed}`,
    step: b.step,
    value: b.meanReturn,
  }));
}

/** Several entries' curves side by side: per game and step bin, the mean over each entry's seeds. */
export function entryCurves(bins: CurveBin[], nameOf: (submissionId: string) => string): CurvePoint[] {
  const sums = new Map<string, CurvePoint & { n: number }>();
  for (const b of bins) {
    const key = `${b.submissionId}\u0000${b.game}\u0000${b.step}`;
    const point = sums.get(key) ?? { game: b.game, series: nameOf(b.submissionId), step: b.step, value: 0, n: 0 };
    point.value += b.meanReturn;
    point.n++;
    sums.set(key, point);
  }
  return [...sums.values()].map(({ n, ...p }) => ({ ...p, value: p.value / n }));
}

/**
 * An Atari submission's plots, as SVG: its learning curve per game (one line per seed), its HNS per game and its
 * performance profile (one line per partition, once every game has as many runs), over the partitions the viewer may
 * see. Undefined where there is nothing to draw yet.
 */
export async function loadSubmissionPlots(input: {
  submissionId: string;
  partitions: Partition[];
  games: AtariGameRow[];
}) {
  const { db } = getDatabase();
  const learningSteps = await findLearningSteps(db, input.submissionId);
  const bins = learningSteps
    ? await listLearningCurveBins(db, {
        submissionIds: [input.submissionId],
        partitions: input.partitions,
        binSteps: curveBinSteps(learningSteps),
        firstLearningRow: LEARNING_ROW_OFFSET,
      })
    : [];
  const hns = input.games.map((g) => ({ entry: g.partition, task: g.game, value: g.hns }));
  const rows = await listEvaluationRows(db, {
    submissionId: input.submissionId,
    partitions: input.partitions,
    firstLearningRow: LEARNING_ROW_OFFSET,
  });
  const matrices = input.partitions.flatMap((partition) => {
    const own = rows.filter((r) => r.partition === partition);
    const matrix = hnsMatrix(own, gamesOf(own));
    return matrix ? [{ name: partition, matrix }] : [];
  });
  const [curves, games, profile] = await Promise.all([
    bins.length ? renderSvg(learningCurvePlot(seedCurves(bins), { title: "Run" })) : undefined,
    hns.length ? renderSvg(taskPlot(hns, { label: "Human-normalized score" })) : undefined,
    matrices.length ? renderSvg(profilePlot(profilePoints(matrices))) : undefined,
  ]);
  return { curves, games, profile };
}
