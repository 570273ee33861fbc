import { and, eq, inArray } from "drizzle-orm";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
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
  createdAt: Date;
  metrics: Record<string, MetricValue>;
};

export type LeaderboardQuery = {
  benchmarkId: string;
  partition: Partition;
  /** "best": each team's (or solo user's) best entry; every baseline is its own entrant. */
  mode: "best" | "all";
  primary: { name: string; higherIsBetter: boolean };
};

function overlaps(a: MetricValue | undefined, b: MetricValue | undefined): boolean {
  if (!a || !b) return false;
  const aLow = a.ciLow ?? a.value, aHigh = a.ciHigh ?? a.value;
  const bLow = b.ciLow ?? b.value, bHigh = b.ciHigh ?? b.value;
  return aLow <= bHigh && bLow <= aHigh;
}

/**
 * The ranked leaderboard of one partition: scored, public submissions ordered by the primary metric
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
      createdAt: submissions.createdAt,
      teamName: teams.name,
      userName: users.name,
      primary: aggregates.value,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .leftJoin(
      aggregates,
      and(eq(aggregates.submissionId, submissions.id), eq(aggregates.partition, query.partition), eq(aggregates.metric, query.primary.name)),
    )
    .where(and(eq(submissions.benchmarkId, query.benchmarkId), eq(submissions.status, "scored"), eq(submissions.visibility, "public")));

  const sign = query.primary.higherIsBetter ? -1 : 1;
  candidates.sort((a, b) => {
    if (a.primary === null || b.primary === null) return a.primary === null ? (b.primary === null ? 0 : 1) : -1;
    return sign * (a.primary - b.primary) || a.createdAt.getTime() - b.createdAt.getTime();
  });
  const seen = new Set<string>();
  const chosen = candidates.filter((c) => {
    if (query.mode === "all") return true;
    const entrant = c.isBaseline ? `baseline:${c.submissionId}` : c.teamId ? `team:${c.teamId}` : `user:${c.userId}`;
    if (seen.has(entrant)) return false;
    seen.add(entrant);
    return true;
  });
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
      createdAt: c.createdAt,
      metrics,
    };
  });
}
