import type { Leaderboard } from "@/lib/server/leaderboard";
import { toCsv } from "./csv";

/** The leaderboard as CSV: one row per entry, each metric as value, 95% CI bounds and n. */
export function leaderboardCsv(board: Leaderboard): string {
  const metricHeaders = board.columns.flatMap((c) => [c.name, `${c.name}_ci_low`, `${c.name}_ci_high`, `${c.name}_n`]);
  const header = [
    "rank",
    "tier",
    "entrant",
    "submission_id",
    "name",
    "kind",
    "baseline",
    "submitted_at",
    "partition",
    ...metricHeaders,
  ];
  return toCsv(
    header,
    board.rows.map((r) => [
      r.rank,
      r.tier,
      r.entrant,
      r.submissionId,
      r.name,
      r.kind,
      r.isBaseline,
      r.createdAt.toISOString(),
      board.partition,
      ...board.columns.flatMap((c) => {
        const m = r.metrics[c.name];
        return [m?.value, m?.ciLow, m?.ciHigh, m?.n];
      }),
    ]),
  );
}
