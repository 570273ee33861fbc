import { and, arrayContains, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import { createdBefore, publishedEntries } from "./views";
import { aggregates, submissions, teams, users } from "../schema";

export type MetricValue = { value: number; ciLow: number | null; ciHigh: number | null; n: number };

export type LeaderboardRow = {
  rank: number;
  /** Entries whose interval overlaps their tier leader's share its tier: a tie the data cannot break. */
  tier: number;
  submissionId: string;
  name: string;
  kind: string;
  /** The team's name, or the submitter's when they compete alone. */
  entrant: string;
  teamId: string | null;
  isBaseline: boolean;
  /** Method tags from the method card (method family, e.g. "metric-learning"). */
  tags: string[];
  createdAt: Date;
  /** A re-evaluation: the original entry and the version it was first scored on. */
  reevaluationOf: { submissionId: string; version: number } | null;
  metrics: Record<string, MetricValue>;
};

export type LeaderboardQuery = {
  benchmarkId: string;
  /** The benchmark version whose entries are ranked: results stay tied to the version that produced them. */
  versionId: string;
  partition: Partition;
  /** "best": each team's (or solo user's) best entry; every baseline is its own entrant. */
  mode: "best" | "all";
  primary: { name: string; higherIsBetter: boolean };
  /** Only entries whose method card carries this tag (the best per team is chosen among them). */
  tag?: string;
  /** Only entries created before this instant: a frozen public leaderboard. */
  createdBefore?: Date | null;
  /**
   * Private partition, "best" mode: the entry that stands for each entrant. "best-public": its best on the public
   * partition (no peeking at private scores to pick); "chosen": the best of the entries its team chose for the final
   * ranking, its best public entry standing in when it chose none. Absent: its best on the partition ranked.
   */
  finalEntries?: "best-public" | "chosen";
};

type Candidate = {
  submissionId: string;
  userId: string;
  teamId: string | null;
  isBaseline: boolean;
  createdAt: Date;
  selectedForFinal: boolean;
  primary: number | null;
  publicPrimary: number | null;
};

/** Best first by `value` (missing values last), earlier submissions first among equals. */
function byValue<T extends Candidate>(value: (c: T) => number | null, higherIsBetter: boolean) {
  const sign = higherIsBetter ? -1 : 1;
  return (a: T, b: T) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === null ? (y === null ? a.createdAt.getTime() - b.createdAt.getTime() : 1) : -1;
    return sign * (x - y) || a.createdAt.getTime() - b.createdAt.getTime();
  };
}

/** The entries that stand for their entrants (see LeaderboardQuery), kept in the order of `ranked`. */
function pickEntries<T extends Candidate>(ranked: T[], query: LeaderboardQuery): T[] {
  if (query.mode === "all") return ranked;
  const byEntrant = new Map<string, T[]>();
  for (const c of ranked) {
    const entrant = c.isBaseline ? `baseline:${c.submissionId}` : c.teamId ? `team:${c.teamId}` : `user:${c.userId}`;
    byEntrant.set(entrant, [...(byEntrant.get(entrant) ?? []), c]);
  }
  const picked = new Set<T>();
  for (const entries of byEntrant.values()) {
    const chosen = query.finalEntries === "chosen" ? entries.filter((c) => c.selectedForFinal) : [];
    if (chosen.length > 0) picked.add(chosen[0]!);
    else if (query.finalEntries) picked.add([...entries].sort(byValue((c) => c.publicPrimary, query.primary.higherIsBetter))[0]!);
    else picked.add(entries[0]!);
  }
  return ranked.filter((c) => picked.has(c));
}

function overlaps(a: MetricValue | undefined, b: MetricValue | undefined): boolean {
  if (!a || !b) return false;
  const aLow = a.ciLow ?? a.value, aHigh = a.ciHigh ?? a.value;
  const bLow = b.ciLow ?? b.value, bHigh = b.ciHigh ?? b.value;
  return aLow <= bHigh && bLow <= aHigh;
}

/**
 * The ranked leaderboard of one partition: scored, public submissions not hidden or disqualified by an organizer, ordered by the primary metric
 * (entries without it last, earlier submissions first among equals), with every aggregate as a column.
 */
export async function getLeaderboard(db: Db, query: LeaderboardQuery): Promise<LeaderboardRow[]> {
  const candidates = await db
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
      originalVersion: sql<number | null>`(select v.version from submissions o join benchmark_versions v on v.id = o.benchmark_version_id
        where o.id = ${submissions.reevaluationOf})`,
      selectedForFinal: submissions.selectedForFinal,
      primary: aggregates.value,
      publicPrimary: sql<number | null>`(select pa.value from aggregates pa where pa.submission_id = ${submissions.id}
        and pa.partition = 'public' and pa.metric = ${query.primary.name})`,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(
      aggregates,
      and(eq(aggregates.submissionId, submissions.id), eq(aggregates.partition, query.partition), eq(aggregates.metric, query.primary.name)),
    )
    .where(
      and(
        publishedEntries(query.benchmarkId, query.createdBefore),
        eq(submissions.benchmarkVersionId, query.versionId),
        query.tag ? arrayContains(submissions.tags, [query.tag]) : undefined,
      ),
    );

  candidates.sort(byValue((c) => c.primary, query.primary.higherIsBetter));
  const chosen = pickEntries(candidates, query.partition === "private" ? query : { ...query, finalEntries: undefined });
  if (chosen.length === 0) return [];

  const metricRows = await db
    .select()
    .from(aggregates)
    .where(and(inArray(aggregates.submissionId, chosen.map((c) => c.submissionId)), eq(aggregates.partition, query.partition)));
  const bySubmission = new Map<string, Record<string, MetricValue>>();
  for (const m of metricRows) {
    const entry = bySubmission.get(m.submissionId) ?? {};
    entry[m.metric] = { value: m.value, ciLow: m.ciLow, ciHigh: m.ciHigh, n: m.n };
    bySubmission.set(m.submissionId, entry);
  }

  let tier = 0;
  let tierLeader: MetricValue | undefined;
  return chosen.map((c, i) => {
    const metrics = bySubmission.get(c.submissionId) ?? {};
    const primary = metrics[query.primary.name];
    if (i === 0 || !overlaps(primary, tierLeader)) {
      tier += 1;
      tierLeader = primary;
    }
    return {
      rank: i + 1,
      tier,
      submissionId: c.submissionId,
      name: c.name,
      kind: c.kind,
      entrant: c.teamName ?? c.userName ?? "anonymous",
      teamId: c.teamId,
      isBaseline: c.isBaseline,
      tags: c.tags,
      createdAt: c.createdAt,
      reevaluationOf: c.reevaluationOf && c.originalVersion !== null ? { submissionId: c.reevaluationOf, version: c.originalVersion } : null,
      metrics,
    };
  });
}

/** The method tags used by a benchmark's listed public entries (before `publicCutoff`, if frozen), for the leaderboard's filter. */
export async function listEntryTags(db: Db, benchmarkId: string, publicCutoff: Date | null = null): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tag: sql<string>`unnest(${submissions.tags})` })
    .from(submissions)
    .where(
      publishedEntries(benchmarkId, publicCutoff),
    );
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
    .where(and(eq(submissions.benchmarkId, input.benchmarkId), eq(submissions.userId, input.userId), isNull(submissions.teamId)));
  return new Set(rows.map((r) => r.id));
}

/** Ids of a benchmark's submissions created before `cutoff` (the entries a frozen leaderboard may show). */
export async function listSubmissionIdsBefore(db: Db, input: { benchmarkId: string; cutoff: Date }): Promise<Set<string>> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.benchmarkId, input.benchmarkId), createdBefore(input.cutoff)));
  return new Set(rows.map((r) => r.id));
}
