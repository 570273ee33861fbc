import { createRng } from "../../../../lib/core/random";
import { stratifiedBootstrapInterval } from "../../../metrics/stratified-bootstrap";
import type { AggregateRow, ResultRow } from "../../types";

/** One episode of a goal's meta-test, and a goal's adaptation and evaluation episodes: what a unit's rows are made of. */
export type EpisodeOutcome = { return: number; steps: number; success: boolean };
export type GoalOutcome = { goal: number; adaptation: EpisodeOutcome[]; evaluation: EpisodeOutcome[] };

/** Bootstrap replications and generator seed: fixed, so a partition's intervals are the same every time they are computed. */
export const BOOTSTRAP = { reps: 2000, seed: 20_240_531 } as const;

/**
 * One row per (goal, seed) of a unit: success = the fraction of its evaluation episodes that succeeded. `run` names the
 * run: its seed, or, for a secret-seeded one, its place in the partition.
 */
export function goalRow(task: string, run: { seed: number } | { run: number }, outcome: GoalOutcome): ResultRow {
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    index: outcome.goal,
    task,
    metrics: {
      success: mean(outcome.evaluation.map((e) => (e.success ? 1 : 0))),
      return: mean(outcome.evaluation.map((e) => e.return)),
      adaptationSuccess: mean(outcome.adaptation.map((e) => (e.success ? 1 : 0))),
      goal: outcome.goal,
      ...run,
    },
  };
}

/**
 * A partition's aggregates. Per task: `success/<task>` and `return/<task>`, the mean over its (goal, seed) rows with a
 * percentile-bootstrap 95% interval over those rows. Overall: `success` and `return`, the mean of the per-task means,
 * with a stratified bootstrap (rliable's: (goal, seed) rows resampled within each task) when every task has as many
 * rows (otherwise the interval is null); `tasks`: the number of tasks scored.
 */
export function aggregateGoals(rows: ResultRow[]): AggregateRow[] {
  const byTask = new Map<string, ResultRow[]>();
  for (const row of rows)
    if (row.metrics.success !== undefined) byTask.set(row.task, [...(byTask.get(row.task) ?? []), row]);
  if (byTask.size === 0) return [];
  const tasks = [...byTask.keys()].sort();
  const out: AggregateRow[] = [];
  for (const metric of ["success", "return"] as const) {
    const columns = tasks.map((task) =>
      byTask
        .get(task)!
        .sort((a, b) => runOrder(a) - runOrder(b) || a.index - b.index)
        .map((row) => row.metrics[metric]!),
    );
    const rectangular = columns.every((c) => c.length === columns[0]!.length);
    const overall = mean(columns.map(mean));
    const n = columns.reduce((a, c) => a + c.length, 0);
    if (rectangular) {
      const matrix = columns[0]!.map((_, r) => columns.map((c) => c[r]!));
      const ci = stratifiedBootstrapInterval(matrix, (m) => mean(m.map(mean)), {
        reps: BOOTSTRAP.reps,
        rng: createRng(BOOTSTRAP.seed),
      });
      out.push({ metric, value: overall, ciLow: ci.low, ciHigh: ci.high, n });
    } else {
      out.push({ metric, value: overall, ciLow: null, ciHigh: null, n });
    }
    tasks.forEach((task, t) => {
      const values = columns[t]!;
      const ci = stratifiedBootstrapInterval(
        values.map((v) => [v]),
        (m) => mean(m.map((r) => r[0]!)),
        { reps: BOOTSTRAP.reps, rng: createRng(BOOTSTRAP.seed) },
      );
      out.push({ metric: `${metric}/${task}`, value: mean(values), ciLow: ci.low, ciHigh: ci.high, n: values.length });
    });
  }
  out.push({ metric: "tasks", value: tasks.length, ciLow: null, ciHigh: null, n: rows.length });
  return out;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Where a row's run sorts: by seed, or by place for secret-seeded runs (a partition has one kind or the other). */
function runOrder(row: ResultRow): number {
  return row.metrics.seed ?? row.metrics.run ?? 0;
}
