import { listEntryTags } from "@/db/queries/leaderboard";
import { listDisqualified } from "@/db/queries/moderation";
import type { Viewer } from "@/lib/benchmark-access";
import { AppError } from "@/lib/core/errors";
import { getDatabase } from "./context";
import { loadLeaderboard, type Leaderboard, type LeaderboardParams } from "./leaderboard";
import { listVersionsOf } from "./benchmark-view";

/**
 * A benchmark's page: its leaderboard as asked for, the method tags to filter by, its disqualified entries and its
 * versions. A sealed private partition is no error here: the page shows the public one, with the reason (`sealed`).
 * Unknown or hidden benchmark, or no such version → 404.
 */
export async function loadBenchmarkPage(input: { slug: string; viewer: Viewer } & LeaderboardParams) {
  let board: Leaderboard;
  let sealed: string | undefined;
  try {
    board = await loadLeaderboard(input);
  } catch (error) {
    if (!(error instanceof AppError && error.status === 403)) throw error;
    sealed = error.message;
    board = await loadLeaderboard({ ...input, partition: "public" });
  }
  const { db } = getDatabase();
  const [tags, disqualified, versions] = await Promise.all([
    listEntryTags(db, board.benchmark.id, board.benchmark.phase?.publicCutoff ?? null),
    listDisqualified(db, board.benchmark.id),
    listVersionsOf(board.benchmark.id),
  ]);
  return { board, sealed, tags, disqualified, versions };
}
