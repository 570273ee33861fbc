import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import {
  aggregates,
  benchmarks,
  benchmarkVersions,
  evaluationAttempts,
  evaluationUnits,
  phases,
  results,
  submissions,
  teams,
  users,
} from "../schema";
import { isListed } from "./moderation";

/**
 * Read-side queries behind the pages and API responses. Who may see what (invite-only benchmarks, private and
 * hidden entries, sealed private scores, logs for the owner only) is decided in the domain, lib/server's
 * benchmark-view.ts and submission-view.ts, over these rows.
 */

/** Entries created before `cutoff` (none given: all). */
export const createdBefore = (cutoff: Date | null | undefined) =>
  cutoff ? sql`${submissions.createdAt} < ${cutoff.toISOString()}::timestamptz` : undefined;

/**
 * The entries of a benchmark that everyone may see ranked: scored, public and listed (private entries, failed runs
 * and hidden ones are their owners' business), and while the board is frozen only those created before the cutoff.
 */
export const publishedEntries = (benchmarkId: string, publicCutoff: Date | null | undefined) =>
  and(
    eq(submissions.benchmarkId, benchmarkId),
    eq(submissions.status, "scored"),
    eq(submissions.visibility, "public"),
    isListed(submissions.id),
    createdBefore(publicCutoff),
  );

/** Public submissions per benchmark (all, and scored), each counting only those created before its `cutoff`. */
export async function countPublicSubmissions(db: Db, of: { benchmarkId: string; cutoff: Date | null | undefined }[]) {
  if (of.length === 0) return [];
  return db
    .select({
      benchmarkId: submissions.benchmarkId,
      total: count(),
      scored: sql<number>`count(*) filter (where ${submissions.status} = 'scored')::int`,
    })
    .from(submissions)
    .where(
      and(
        or(...of.map((b) => and(eq(submissions.benchmarkId, b.benchmarkId), createdBefore(b.cutoff)))),
        eq(submissions.visibility, "public"),
      ),
    )
    .groupBy(submissions.benchmarkId);
}

/** A submission with its benchmark, version number, team and user names; undefined for an unknown id. */
export async function findSubmissionWithEntrant(db: Db, id: string) {
  const [row] = await db
    .select({
      submission: submissions,
      benchmark: benchmarks,
      version: benchmarkVersions.version,
      teamName: teams.name,
      userName: users.name,
    })
    .from(submissions)
    .innerJoin(benchmarks, eq(benchmarks.id, submissions.benchmarkId))
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .where(eq(submissions.id, id));
  return row;
}

export async function findPhase(db: Db, phaseId: string) {
  const [phase] = await db.select().from(phases).where(eq(phases.id, phaseId));
  return phase;
}

/** A submission's units (by partition and key), attempts (oldest first) and aggregates (by metric). */
export async function listSubmissionProgress(db: Db, submissionId: string) {
  const [units, attempts, scores] = await Promise.all([
    db
      .select()
      .from(evaluationUnits)
      .where(eq(evaluationUnits.submissionId, submissionId))
      .orderBy(asc(evaluationUnits.partition), asc(evaluationUnits.key)),
    db
      .select()
      .from(evaluationAttempts)
      .where(eq(evaluationAttempts.submissionId, submissionId))
      .orderBy(asc(evaluationAttempts.startedAt)),
    db.select().from(aggregates).where(eq(aggregates.submissionId, submissionId)).orderBy(asc(aggregates.metric)),
  ]);
  return { units, attempts, scores };
}

/**
 * Where a submission stands among re-evaluations: the entry it re-evaluates (null for an original) and its own
 * re-evaluations. A re-evaluation shares its original's owner and visibility, so whoever sees one may see the other;
 * a re-evaluation an organizer hid is left out except for its owner and the organizers.
 */
export async function listReevaluationLineage(
  db: Db,
  input: { submission: { id: string; reevaluationOf: string | null }; seesHidden: boolean },
) {
  const columns = { id: submissions.id, version: benchmarkVersions.version, status: submissions.status };
  const [original] = input.submission.reevaluationOf
    ? await db
        .select(columns)
        .from(submissions)
        .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
        .where(eq(submissions.id, input.submission.reevaluationOf))
    : [];
  const reevaluations = await db
    .select(columns)
    .from(submissions)
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(
      and(eq(submissions.reevaluationOf, input.submission.id), input.seesHidden ? undefined : isListed(submissions.id)),
    )
    .orderBy(asc(benchmarkVersions.version));
  return { original: original ? { id: original.id, version: original.version } : null, reevaluations };
}

/** The viewer's own submissions, newest first, across benchmarks. */
export async function listOwnSubmissions(db: Db, userId: string, limit = 100) {
  return db
    .select({
      id: submissions.id,
      name: submissions.name,
      status: submissions.status,
      visibility: submissions.visibility,
      createdAt: submissions.createdAt,
      benchmarkSlug: benchmarks.slug,
      benchmarkTitle: benchmarks.title,
    })
    .from(submissions)
    .innerJoin(benchmarks, eq(benchmarks.id, submissions.benchmarkId))
    .where(eq(submissions.userId, userId))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/** A benchmark's phases in opening order (organizer pages). */
export async function listPhases(db: Db, benchmarkId: string) {
  return db.select().from(phases).where(eq(phases.benchmarkId, benchmarkId)).orderBy(asc(phases.opensAt));
}

/**
 * Entries of one benchmark for the compare view: public and scored only (as on the leaderboard), with the version
 * they ran on, their aggregates in `partition`, and their raw per-episode / per-run rows there.
 */
export async function listCompareEntries(
  db: Db,
  input: { benchmarkId: string; ids: string[]; partition: Partition; publicCutoff: Date | null },
) {
  if (input.ids.length === 0) return [];
  const rows = await db
    .select({
      id: submissions.id,
      name: submissions.name,
      isBaseline: submissions.isBaseline,
      entrant: sql<string>`coalesce(${teams.name}, ${users.name}, 'anonymous')`,
      version: benchmarkVersions.version,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(and(inArray(submissions.id, input.ids), publishedEntries(input.benchmarkId, input.publicCutoff)));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [scores, raw] = await Promise.all([
    db
      .select()
      .from(aggregates)
      .where(and(inArray(aggregates.submissionId, ids), eq(aggregates.partition, input.partition))),
    db
      .select({
        submissionId: results.submissionId,
        task: results.task,
        index: results.index,
        metrics: results.metrics,
      })
      .from(results)
      .where(and(inArray(results.submissionId, ids), eq(results.partition, input.partition)))
      .orderBy(asc(results.task), asc(results.index)),
  ]);
  // In the order the reader asked for them.
  return input.ids.flatMap((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return [];
    return [
      {
        ...row,
        scores: Object.fromEntries(
          scores
            .filter((s) => s.submissionId === id)
            .map((s) => [s.metric, { value: s.value, ciLow: s.ciLow, ciHigh: s.ciHigh, n: s.n }]),
        ),
        results: raw.filter((r) => r.submissionId === id),
      },
    ];
  });
}
export type CompareEntry = Awaited<ReturnType<typeof listCompareEntries>>[number];

/** Every published version of a benchmark, newest first, with how many public scored entries each holds. */
export async function listBenchmarkVersions(db: Db, benchmarkId: string) {
  return db
    .select({
      version: benchmarkVersions.version,
      spec: benchmarkVersions.spec,
      createdAt: benchmarkVersions.createdAt,
      // Qualified by hand: drizzle leaves the fields of a single-table select unqualified.
      entries: sql<number>`(select count(*)::int from submissions s where s.benchmark_version_id = benchmark_versions.id and s.status = 'scored' and s.visibility = 'public')`,
    })
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, benchmarkId))
    .orderBy(desc(benchmarkVersions.version));
}
