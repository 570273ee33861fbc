import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import { benchmarkVersions, results, submissions } from "../schema";

/** `firstLearningRow`: the index of a unit's first learning-episode row (the track's LEARNING_ROW_OFFSET). */
type CurveQuery = { submissionIds: string[]; partitions: Partition[]; binSteps: number; firstLearningRow: number };

export type CurveBin = {
  submissionId: string;
  partition: Partition;
  game: string;
  seed: number;
  step: number;
  meanReturn: number;
  episodes: number;
};

/**
 * Atari learning curves, binned in the database: the learning episodes of each (submission, partition, game, seed)
 * grouped by the agent step at which they ended, in bins of `binSteps`, with their mean return. A full run has
 * hundreds of learning episodes per game; a plot needs a few dozen points. `step` is the end of the bin.
 */
export async function listLearningCurveBins(db: Db, input: CurveQuery): Promise<CurveBin[]> {
  if (input.submissionIds.length === 0 || input.partitions.length === 0) return [];
  const bin = sql<number>`floor((${results.metrics}->>'step')::float8 / ${input.binSteps})::int`;
  // A secret-seeded run's rows name it by its place (`run`), not its seed.
  const seed = sql<number>`coalesce((${results.metrics}->>'seed')::int, (${results.metrics}->>'run')::int, 0)`;
  const rows = await db
    .select({
      submissionId: results.submissionId,
      partition: results.partition,
      game: results.task,
      seed,
      bin,
      meanReturn: sql<number>`avg((${results.metrics}->>'learningReturn')::float8)::float8`,
      episodes: sql<number>`count(*)::int`,
    })
    .from(results)
    .where(
      and(
        inArray(results.submissionId, input.submissionIds),
        inArray(results.partition, input.partitions),
        gte(results.index, input.firstLearningRow),
        sql`${results.metrics} ? 'learningReturn'`,
      ),
    )
    // By position: the bin expression carries a parameter, and Postgres would not match a repeated one to it.
    .groupBy(sql`1, 2, 3, 4, 5`)
    .orderBy(sql`1, 2, 3, 4, 5`);
  return rows.map((r) => ({ ...r, step: (Number(r.bin) + 1) * input.binSteps, meanReturn: Number(r.meanReturn) }));
}

/** The learning budget (agent steps) of the Atari benchmark version a submission ran on; undefined for other tracks. */
export async function findLearningSteps(db: Db, submissionId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ steps: sql<number | null>`(${benchmarkVersions.spec}->>'learningSteps')::int` })
    .from(submissions)
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(and(eq(submissions.id, submissionId), sql`${benchmarkVersions.spec}->>'track' = 'atari'`));
  return row?.steps ?? undefined;
}

/** A submission's Atari evaluation-episode rows (those below `firstLearningRow`) in the given partitions. */
export async function listEvaluationRows(
  db: Db,
  input: { submissionId: string; partitions: Partition[]; firstLearningRow: number },
) {
  if (input.partitions.length === 0) return [];
  return db
    .select({ partition: results.partition, task: results.task, index: results.index, metrics: results.metrics })
    .from(results)
    .where(
      and(
        eq(results.submissionId, input.submissionId),
        inArray(results.partition, input.partitions),
        lt(results.index, input.firstLearningRow),
      ),
    );
}
