import { z } from "zod";
import { LEARNING_ROW_OFFSET, runScores } from "@/evaluator/tracks/atari/definition/scoring";
import type { Partition } from "@/lib/benchmark-spec";

type Score = { partition: Partition; metric: string; value: number; ciLow: number | null; ciHigh: number | null };
export type TaskScore = { value: number; ciLow: number | null; ciHigh: number | null };
export type MetaWorldTaskRow = {
  partition: Partition;
  task: string;
  success: TaskScore | undefined;
  return: TaskScore | undefined;
};

/** One row per (partition, task) from the `success/<task>` and `return/<task>` aggregates, tasks in name order. */
export function metaworldTaskTable(scores: Score[]): MetaWorldTaskRow[] {
  const rows = new Map<string, MetaWorldTaskRow>();
  for (const s of scores) {
    const match = /^(success|return)\/(.+)$/.exec(s.metric);
    if (!match) continue;
    const [, metric, task] = match as unknown as [string, "success" | "return", string];
    const key = `${s.partition}\u0000${task}`;
    const row = rows.get(key) ?? { partition: s.partition, task, success: undefined, return: undefined };
    row[metric] = { value: s.value, ciLow: s.ciLow, ciHigh: s.ciHigh };
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.partition.localeCompare(b.partition) || a.task.localeCompare(b.task));
}

type ResultRow = { partition: Partition; task: string; index: number; metrics: Record<string, number> };
export type AtariGameRow = { partition: Partition; game: string; runs: number; meanReturn: number; hns: number };

/**
 * One row per (partition, game): the mean over its runs of each run's mean evaluation return, and its
 * human-normalized score. Only evaluation rows count: learning-curve rows (index ≥ LEARNING_ROW_OFFSET) and rows
 * without a `return` metric are left out.
 */
export function atariGameTable(rows: ResultRow[]): AtariGameRow[] {
  const table: AtariGameRow[] = [];
  for (const partition of ["public", "private"] as const) {
    const evaluation = rows.filter(
      (r) => r.partition === partition && r.index < LEARNING_ROW_OFFSET && typeof r.metrics.return === "number",
    );
    const perGame = new Map<string, { returns: number[]; hns: number[] }>();
    for (const run of runScores(evaluation)) {
      const game = perGame.get(run.game) ?? { returns: [], hns: [] };
      game.returns.push(run.meanReturn);
      game.hns.push(run.hns);
      perGame.set(run.game, game);
    }
    for (const [game, { returns, hns }] of [...perGame].sort(([a], [b]) => a.localeCompare(b))) {
      table.push({ partition, game, runs: returns.length, meanReturn: mean(returns), hns: mean(hns) });
    }
  }
  return table;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** A running Atari unit's progress detail (evaluator/tracks/atari/driver.ts progressDetail). */
const atariDetailSchema = z.discriminatedUnion("phase", [
  z.object({
    phase: z.literal("learning"),
    steps: z.number(),
    learningSteps: z.number(),
    episodes: z.number(),
    recentReturns: z.array(z.number()),
  }),
  z.object({
    phase: z.literal("evaluation"),
    episodes: z.number(),
    evalEpisodes: z.number(),
    recentReturns: z.array(z.number()),
  }),
]);
export type AtariProgressDetail = z.infer<typeof atariDetailSchema>;

/** The detail of a unit's progress when it is an Atari one; undefined otherwise (absent or another shape). */
export function atariProgressDetail(progress: Record<string, unknown> | null): AtariProgressDetail | undefined {
  const parsed = atariDetailSchema.safeParse(progress?.detail);
  return parsed.success ? parsed.data : undefined;
}
