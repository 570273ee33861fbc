import { and, asc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { benchmarkVersions, submissions } from "../schema";
import { moderationStateOf } from "./moderation";
import type { Submission } from "./submissions";

type Runner = Pick<Db, "select" | "execute">;

/**
 * The entries of a benchmark that could be re-evaluated on version `versionId`: original submissions (not themselves
 * re-evaluations) scored on another version, baselines included, oldest first, each with the version it ran on, its
 * moderation state, and whether it already has a re-evaluation on `versionId` (in any state).
 */
export async function listReevaluationSources(db: Runner, input: { benchmarkId: string; versionId: string }) {
  return db
    .select({
      submission: submissions,
      version: benchmarkVersions.version,
      moderation: moderationStateOf(submissions.id),
      // Uncorrelated, so Postgres reads the version's re-evaluations once (a hashed subplan), not once per entry.
      reevaluated: sql<boolean>`"submissions"."id" in (select r.reevaluation_of from submissions r
        where r.benchmark_version_id = ${input.versionId} and r.reevaluation_of is not null)`,
    })
    .from(submissions)
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(
      and(
        eq(submissions.benchmarkId, input.benchmarkId),
        ne(submissions.benchmarkVersionId, input.versionId),
        isNull(submissions.reevaluationOf),
        eq(submissions.status, "scored"),
      ),
    )
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
}
export type ReevaluationSource = Awaited<ReturnType<typeof listReevaluationSources>>[number];

/**
 * Locks an original entry until the end of the transaction and says whether it already has a re-evaluation on
 * `versionId`: two organizers re-evaluating at once create one, not two.
 */
export async function lockForReevaluation(
  tx: Runner,
  input: { originalId: string; versionId: string },
): Promise<{ reevaluated: boolean }> {
  await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.id, input.originalId)).for("update");
  const existing = await tx
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.reevaluationOf, input.originalId), eq(submissions.benchmarkVersionId, input.versionId)))
    .limit(1);
  return { reevaluated: existing.length > 0 };
}

export type ReevaluationProgress = Record<"total" | Submission["status"], number>;

/** How the re-evaluations on one benchmark version stand: how many there are, and how many in each state. */
export async function countReevaluationProgress(db: Runner, versionId: string): Promise<ReevaluationProgress> {
  const count = (status: Submission["status"]) =>
    sql<number>`(count(*) filter (where ${submissions.status} = ${status}))::int`;
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      queued: count("queued"),
      running: count("running"),
      scored: count("scored"),
      failed: count("failed"),
      cancelled: count("cancelled"),
    })
    .from(submissions)
    .where(and(eq(submissions.benchmarkVersionId, versionId), isNotNull(submissions.reevaluationOf)));
  return row ?? { total: 0, queued: 0, running: 0, scored: 0, failed: 0, cancelled: 0 };
}
