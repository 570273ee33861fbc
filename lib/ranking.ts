import type { Db } from "@/db/client";
import {
  listLeaderboardCandidates,
  listPartitionAggregates,
  type LeaderboardCandidate,
} from "@/db/queries/leaderboard";
import type { Partition } from "./benchmark-spec";

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

/**
 * The ranked leaderboard of one partition: scored, public submissions not hidden or disqualified by an organizer,
 * ordered by the primary metric (entries without it last, earlier submissions first among equals), with every
 * aggregate as a column, and tiers of entries whose intervals overlap their tier leader's.
 */
export async function getLeaderboard(db: Db, query: LeaderboardQuery): Promise<LeaderboardRow[]> {
  const candidates = await listLeaderboardCandidates(db, {
    benchmarkId: query.benchmarkId,
    versionId: query.versionId,
    partition: query.partition,
    primaryMetric: query.primary.name,
    tag: query.tag,
    createdBefore: query.createdBefore,
  });
  candidates.sort(byValue((c) => c.primary, query.primary.higherIsBetter));
  const chosen = pickEntries(candidates, query.partition === "private" ? query : { ...query, finalEntries: undefined });
  if (chosen.length === 0) return [];

  const metricRows = await listPartitionAggregates(db, {
    submissionIds: chosen.map((c) => c.submissionId),
    partition: query.partition,
  });
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
      reevaluationOf:
        c.reevaluationOf && c.originalVersion !== null
          ? { submissionId: c.reevaluationOf, version: c.originalVersion }
          : null,
      metrics,
    };
  });
}

type Candidate = Pick<
  LeaderboardCandidate,
  "submissionId" | "userId" | "teamId" | "isBaseline" | "createdAt" | "selectedForFinal" | "primary" | "publicPrimary"
>;

/** Best first by `value` (missing values last), earlier submissions first among equals. */
function byValue<T extends Candidate>(value: (c: T) => number | null, higherIsBetter: boolean) {
  const sign = higherIsBetter ? -1 : 1;
  return (a: T, b: T) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null)
      return x === null ? (y === null ? a.createdAt.getTime() - b.createdAt.getTime() : 1) : -1;
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
    else if (query.finalEntries)
      picked.add([...entries].sort(byValue((c) => c.publicPrimary, query.primary.higherIsBetter))[0]!);
    else picked.add(entries[0]!);
  }
  return ranked.filter((c) => picked.has(c));
}

function overlaps(a: MetricValue | undefined, b: MetricValue | undefined): boolean {
  if (!a || !b) return false;
  const aLow = a.ciLow ?? a.value,
    aHigh = a.ciHigh ?? a.value;
  const bLow = b.ciLow ?? b.value,
    bHigh = b.ciHigh ?? b.value;
  return aLow <= bHigh && bLow <= aHigh;
}
