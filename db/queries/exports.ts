import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import { publishedEntries } from "./views";
import {
  benchmarkVersions,
  benchmarkVersionSecrets,
  evaluationAttempts,
  results,
  submissions,
  teams,
  users,
} from "../schema";

/** Method cards and compute of a benchmark's published entries, oldest first. */
export async function listEntryRecords(db: Db, input: { benchmarkId: string; publicCutoff: Date | null }) {
  const rows = await db
    .select({
      submissionId: submissions.id,
      name: submissions.name,
      entrant: sql<string>`coalesce(${teams.name}, ${users.name}, 'anonymous')`,
      kind: submissions.kind,
      isBaseline: submissions.isBaseline,
      benchmarkVersion: benchmarkVersions.version,
      submittedAt: submissions.createdAt,
      finishedAt: submissions.finishedAt,
      description: submissions.description,
      paperUrl: submissions.paperUrl,
      codeUrl: submissions.codeUrl,
      tags: submissions.tags,
      reevaluationOf: submissions.reevaluationOf,
      /** The manifest's model path (its extension says the format); null for the kinds that submit code. */
      model: sql<string | null>`${submissions.manifest}->>'model'`,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(publishedEntries(input.benchmarkId, input.publicCutoff))
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
  if (rows.length === 0) return [];
  // Only attempts that succeeded produced the results; lost and failed tries are retries' overhead, not the entry's cost.
  const compute = await db
    .select({
      submissionId: evaluationAttempts.submissionId,
      wallMs: sql<number>`coalesce(sum(${evaluationAttempts.wallMs}), 0)::int`,
      backends: sql<
        string[]
      >`coalesce(array_agg(distinct ${evaluationAttempts.backend}) filter (where ${evaluationAttempts.backend} is not null), '{}')`,
      evaluatorVersions: sql<string[]>`array_agg(distinct ${evaluationAttempts.evaluatorVersion})`,
      units: sql<number>`count(*)::int`,
    })
    .from(evaluationAttempts)
    .where(
      and(
        inArray(
          evaluationAttempts.submissionId,
          rows.map((r) => r.submissionId),
        ),
        eq(evaluationAttempts.status, "succeeded"),
      ),
    )
    .groupBy(evaluationAttempts.submissionId);
  const bySubmission = new Map(compute.map((c) => [c.submissionId, c]));
  return rows.map((r) => {
    const c = bySubmission.get(r.submissionId);
    return {
      ...r,
      compute: {
        wallMs: c?.wallMs ?? 0,
        backends: c?.backends ?? [],
        evaluatorVersions: c?.evaluatorVersions ?? [],
        units: c?.units ?? 0,
      },
    };
  });
}
export type EntryRecord = Awaited<ReturnType<typeof listEntryRecords>>[number];

/** Raw per-episode / per-run results of a benchmark's published entries, in the given partitions. */
export async function listResultRecords(
  db: Db,
  input: { benchmarkId: string; partitions: Partition[]; publicCutoff: Date | null },
) {
  return db
    .select({
      submissionId: results.submissionId,
      benchmarkVersion: benchmarkVersions.version,
      partition: results.partition,
      task: results.task,
      index: results.index,
      metrics: results.metrics,
      reevaluationOf: submissions.reevaluationOf,
    })
    .from(results)
    .innerJoin(submissions, eq(submissions.id, results.submissionId))
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(and(publishedEntries(input.benchmarkId, input.publicCutoff), inArray(results.partition, input.partitions)))
    .orderBy(
      asc(submissions.createdAt),
      asc(results.submissionId),
      asc(results.partition),
      asc(results.task),
      asc(results.index),
    );
}
export type ResultRecord = Awaited<ReturnType<typeof listResultRecords>>[number];

/** Every version of a benchmark whose private seeds are secret, with them: the open data publishes them after the reveal. */
export async function listVersionSecrets(db: Db, benchmarkId: string) {
  return db
    .select({
      benchmarkVersion: benchmarkVersions.version,
      spec: benchmarkVersions.spec,
      secrets: benchmarkVersionSecrets.secrets,
    })
    .from(benchmarkVersionSecrets)
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, benchmarkVersionSecrets.versionId))
    .where(eq(benchmarkVersions.benchmarkId, benchmarkId))
    .orderBy(asc(benchmarkVersions.version));
}
