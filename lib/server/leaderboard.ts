import { z } from "zod";
import { getLeaderboard, type LeaderboardRow } from "@/db/queries/leaderboard";
import { getBenchmarkView, partitionVisible, type BenchmarkView, type Viewer } from "@/db/queries/views";
import { trackFor, type MetricColumn } from "@/evaluator/tracks";
import type { Partition } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/errors";
import { formatUtc } from "@/lib/submissions/format-time";
import { getDatabase } from "./context";
import { cachedLeaderboardRows } from "./leaderboard-cache";

export const leaderboardQuerySchema = z.object({
  partition: z.enum(["public", "private"]).default("public"),
  mode: z.enum(["best", "all"]).default("best"),
  /** A method tag to filter by; empty means all. */
  tag: z.string().trim().max(50).optional().transform((t) => t || undefined),
});
export type LeaderboardParams = Omit<z.infer<typeof leaderboardQuerySchema>, "tag"> & { tag?: string };

export type Leaderboard = { benchmark: BenchmarkView; columns: MetricColumn[]; rows: LeaderboardRow[] } & LeaderboardParams;

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
 * A benchmark's leaderboard as the viewer may see it. Unknown or hidden benchmark → 404;
 * the private partition before the phase's reveal time → 403, saying when (or that no time is set).
 */
export async function loadLeaderboard(input: { slug: string; viewer: Viewer } & LeaderboardParams): Promise<Leaderboard> {
  const { db } = getDatabase();
  const benchmark = await getBenchmarkView(db, { slug: input.slug, viewer: input.viewer });
  if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named '${input.slug}'.`, 404);
  assertPartitionVisible(benchmark, input.partition);
  const columns = trackFor(benchmark.spec).metrics;
  const primary = columns.find((c) => c.primary) ?? columns[0];
  if (!primary) throw new Error(`Track '${benchmark.track}' declares no metrics`);
  const query = {
    benchmarkId: benchmark.id,
    partition: input.partition,
    mode: input.mode,
    primary: { name: primary.name, higherIsBetter: primary.higherIsBetter },
    tag: input.tag,
  };
  const rows = await cachedLeaderboardRows(query, () => getLeaderboard(db, query));
  return { benchmark, columns, rows, partition: input.partition, mode: input.mode, tag: input.tag };
}
