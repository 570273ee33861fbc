import { z } from "zod";
import { findRequestUser } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { csvResponse } from "@/lib/http/csv";
import { leaderboardCsv } from "@/lib/http/leaderboard-csv";
import { route } from "@/lib/http/route";
import { leaderboardQuerySchema, loadLeaderboard } from "@/lib/server/leaderboard";

const querySchema = leaderboardQuerySchema.extend({ format: z.enum(["json", "csv"]).default("json") });

/**
 * `?partition=public|private&mode=best|all&version=N&format=json|csv`. The latest version unless `version` names
 * another. The private partition is 403 until the reveal time.
 */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  const { format, ...params } = readQuery(req, querySchema);
  const board = await loadLeaderboard({ slug, viewer: await findRequestUser(req), ...params });
  if (format === "csv")
    return csvResponse(leaderboardCsv(board), `${slug}-v${board.version}-${board.partition}-leaderboard.csv`);
  return Response.json({
    benchmark: {
      slug: board.benchmark.slug,
      title: board.benchmark.title,
      version: board.version,
      latestVersion: board.benchmark.version,
      synthetic: board.benchmark.synthetic,
    },
    partition: board.partition,
    mode: board.mode,
    /** Set while the leaderboard is frozen: only entries submitted before it are listed until the reveal. */
    frozenAt: board.benchmark.phase?.publicCutoff ?? null,
    columns: board.columns,
    rows: board.rows,
    /** Published in papers, not evaluated here: never ranked with the rows. */
    reported: board.reported,
  });
});
