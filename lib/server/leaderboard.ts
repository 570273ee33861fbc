import { z } from "zod";
import { listSubmissionIdsBefore } from "@/db/queries/leaderboard";
import { getLeaderboard, type LeaderboardRow } from "@/lib/ranking";
import type { Viewer } from "@/lib/benchmark-access";
import { findBenchmarkVersion } from "@/lib/benchmark-versions";
import { definitionFor, type MetricColumn } from "@/evaluator/tracks/definitions";
import type { BenchmarkSpec, Partition } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/core/errors";
import type { LiveEvent } from "@/lib/jobs";
import { listReportedResults, type ReportedEntry } from "@/lib/reported-results/reported-results";
import { formatUtc } from "@/lib/submissions/format-time";
import { partitionVisible, requireBenchmarkView, type BenchmarkView } from "./benchmark-view";
import { getDatabase } from "./context";
import { cachedLeaderboardRows } from "./leaderboard-cache";

export const leaderboardQuerySchema = z.object({
  partition: z.enum(["public", "private"]).default("public"),
  mode: z.enum(["best", "all"]).default("best"),
  /** A method tag to filter by; empty means all. */
  tag: z
    .string()
    .trim()
    .max(50)
    .optional()
    .transform((t) => t || undefined),
  /** The benchmark version to rank; absent: the latest. */
  version: z.coerce.number().int().min(1).optional(),
});
export type LeaderboardParams = Omit<z.infer<typeof leaderboardQuerySchema>, "tag"> & { tag?: string };

/**
 * `version` and `spec` are those of the version ranked; `benchmark.version` is the latest. `reported`: results
 * published in papers, listed beside the ranking and never in it (they were not evaluated here).
 */
export type Leaderboard = {
  benchmark: BenchmarkView;
  version: number;
  spec: BenchmarkSpec;
  columns: MetricColumn[];
  rows: LeaderboardRow[];
  reported: ReportedEntry[];
} & Omit<LeaderboardParams, "version">;

/** The private partition before the phase's reveal time → 403, saying when (or that no time is set). */
export function assertPartitionVisible(benchmark: BenchmarkView, partition: Partition): void {
  if (partitionVisible(benchmark, partition)) return;
  const when = benchmark.phase?.revealAt;
  throw new AppError(
    "private_not_revealed",
    when
      ? `Private-partition scores of '${benchmark.slug}' are hidden until ${formatUtc(when)}.`
      : `Private-partition scores of '${benchmark.slug}' are hidden until the organizers set a reveal time.`,
    403,
  );
}

/**
 * A benchmark's leaderboard as the viewer may see it, for one version (the latest unless asked).
 * Frozen: only entries created before the phase's freeze, until the reveal. The private partition ranks each
 * entrant's final entry (LeaderboardQuery.finalEntries). Unknown or hidden
 * benchmark, or no such version → 404; the private partition before the phase's reveal time → 403, saying when (or
 * that no time is set).
 */
export async function loadLeaderboard(
  input: { slug: string; viewer: Viewer } & LeaderboardParams,
): Promise<Leaderboard> {
  const { db } = getDatabase();
  const benchmark = await requireBenchmarkView({ slug: input.slug, viewer: input.viewer });
  assertPartitionVisible(benchmark, input.partition);
  const wanted = input.version ?? benchmark.version;
  const version = await findBenchmarkVersion(db, { benchmarkId: benchmark.id, version: wanted });
  if (!version) {
    throw new AppError(
      "version_not_found",
      `'${benchmark.slug}' has no version ${wanted}; its latest is v${benchmark.version}.`,
      404,
    );
  }
  const columns = definitionFor(version.spec).metrics;
  const primary = columns.find((c) => c.primary) ?? columns[0];
  if (!primary) throw new Error(`Track '${benchmark.track}' declares no metrics`);
  const query = {
    benchmarkId: benchmark.id,
    versionId: version.id,
    partition: input.partition,
    mode: input.mode,
    primary: { name: primary.name, higherIsBetter: primary.higherIsBetter },
    tag: input.tag,
    createdBefore: benchmark.phase?.publicCutoff ?? null,
    finalEntries: benchmark.phase?.finalSelectionLimit == null ? ("best-public" as const) : ("chosen" as const),
  };
  const [rows, reported] = await Promise.all([
    cachedLeaderboardRows(query, () => getLeaderboard(db, query)),
    listReportedResults(db, benchmark.id),
  ]);
  const { partition, mode, tag } = input;
  return { benchmark, version: version.version, spec: version.spec, columns, rows, reported, partition, mode, tag };
}

/**
 * Which live events refresh a reader's leaderboard: state changes of the benchmark's submissions. While the board is
 * frozen, only those of entries submitted before the freeze (later ones must not even show as activity), until the
 * reveal time passes. Entries made later cannot predate the freeze, so the set is fixed when the stream opens.
 */
export async function leaderboardEventFilter(benchmark: BenchmarkView): Promise<(event: LiveEvent) => boolean> {
  const ofBoard = (e: LiveEvent) => e.benchmarkId === benchmark.id && e.type === "submission";
  const cutoff = benchmark.phase?.publicCutoff;
  if (!cutoff) return ofBoard;
  const revealAt = benchmark.phase?.revealAt?.getTime();
  const before = await listSubmissionIdsBefore(getDatabase().db, { benchmarkId: benchmark.id, cutoff });
  return (e) => ofBoard(e) && (before.has(e.submissionId) || (revealAt !== undefined && Date.now() >= revealAt));
}
