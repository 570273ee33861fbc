import { and, arrayContains, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import { createdBefore, publishedEntries } from "./views";
import { aggregates, submissions, teams, users } from "../schema";

/** What a leaderboard's candidates are drawn from: one partition of one version's published entries. */
export type CandidateQuery = {
  benchmarkId: string;
  versionId: string;
  partition: Partition;
  /** The metric entries are ranked by: each candidate carries its value on `partition` and on the public one. */
  primaryMetric: string;
  /** Only entries whose method card carries this tag. */
  tag?: string;
  /** Only entries created before this instant: a frozen public leaderboard. */
  createdBefore?: Date | null;
};

/**
 * The scored, public entries of a benchmark version not hidden or disqualified by an organizer, each with its
 * entrant's names, what it re-evaluates, whether its team chose it for the final ranking, and its primary metric on
 * the partition and on the public one. Unordered: ranking them is the domain's (lib/ranking.ts).
 */
export async function listLeaderboardCandidates(db: Db, query: CandidateQuery) {
  return db
    .select({
      submissionId: submissions.id,
      name: submissions.name,
      kind: submissions.kind,
      userId: submissions.userId,
      teamId: submissions.teamId,
      isBaseline: submissions.isBaseline,
      tags: submissions.tags,
      createdAt: submissions.createdAt,
      teamName: teams.name,
      userName: users.name,
      reevaluationOf: submissions.reevaluationOf,
      originalVersion: sql<
        number | null
      >`(select v.version from submissions o join benchmark_versions v on v.id = o.benchmark_version_id
        where o.id = ${submissions.reevaluationOf})`,
      selectedForFinal: submissions.selectedForFinal,
      primary: aggregates.value,
      publicPrimary: sql<number | null>`(select pa.value from aggregates pa where pa.submission_id = ${submissions.id}
        and pa.partition = 'public' and pa.metric = ${query.primaryMetric})`,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(
      aggregates,
      and(
        eq(aggregates.submissionId, submissions.id),
        eq(aggregates.partition, query.partition),
        eq(aggregates.metric, query.primaryMetric),
      ),
    )
    .where(
      and(
        publishedEntries(query.benchmarkId, query.createdBefore),
        eq(submissions.benchmarkVersionId, query.versionId),
        query.tag ? arrayContains(submissions.tags, [query.tag]) : undefined,
      ),
    );
}
export type LeaderboardCandidate = Awaited<ReturnType<typeof listLeaderboardCandidates>>[number];

/** Every aggregate of these submissions on one partition. */
export async function listPartitionAggregates(db: Db, input: { submissionIds: string[]; partition: Partition }) {
  if (input.submissionIds.length === 0) return [];
  return db
    .select()
    .from(aggregates)
    .where(and(inArray(aggregates.submissionId, input.submissionIds), eq(aggregates.partition, input.partition)));
}

/** The method tags used by a benchmark's listed public entries (before `publicCutoff`, if frozen), for the leaderboard's filter. */
export async function listEntryTags(db: Db, benchmarkId: string, publicCutoff: Date | null = null): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tag: sql<string>`unnest(${submissions.tags})` })
    .from(submissions)
    .where(publishedEntries(benchmarkId, publicCutoff));
  return rows.map((r) => r.tag).sort();
}

/**
 * For each given entry, how many submissions its entrant (its team, or its submitter alone) made to the benchmark,
 * failures included, except those the platform caused and re-evaluations: the effort spent probing the public partition.
 */
export async function countEntrantSubmissions(db: Db, submissionIds: string[]): Promise<Map<string, number>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: submissions.id,
      // Qualified by hand: drizzle leaves columns of a single-table select unqualified, which the inner alias would capture.
      count: sql<number>`(select count(*)::int from submissions s2 where s2.benchmark_id = submissions.benchmark_id
        and (s2.failure_kind is null or s2.failure_kind <> 'platform') and s2.reevaluation_of is null
        and case when submissions.team_id is null then s2.team_id is null and s2.user_id = submissions.user_id
                 else s2.team_id = submissions.team_id end)`,
    })
    .from(submissions)
    .where(inArray(submissions.id, submissionIds));
  return new Map(rows.map((r) => [r.id, r.count]));
}

/** Ids of the entries a user submitted alone (not for a team) to a benchmark. */
export async function listSoloEntryIds(db: Db, input: { benchmarkId: string; userId: string }): Promise<Set<string>> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        eq(submissions.benchmarkId, input.benchmarkId),
        eq(submissions.userId, input.userId),
        isNull(submissions.teamId),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Ids of a benchmark's submissions created before `cutoff` (the entries a frozen leaderboard may show). */
export async function listSubmissionIdsBefore(
  db: Db,
  input: { benchmarkId: string; cutoff: Date },
): Promise<Set<string>> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.benchmarkId, input.benchmarkId), createdBefore(input.cutoff)));
  return new Set(rows.map((r) => r.id));
}
