import type { Leaderboard } from "@/lib/server/leaderboard";

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  // Quote what CSV needs quoted, and defuse spreadsheet formulas in user-chosen names.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The leaderboard as CSV: one row per entry, each metric as value, 95% CI bounds and n. */
export function leaderboardCsv(board: Leaderboard): string {
  const metricHeaders = board.columns.flatMap((c) => [c.name, `${c.name}_ci_low`, `${c.name}_ci_high`, `${c.name}_n`]);
  const header = ["rank", "tier", "entrant", "submission_id", "name", "kind", "baseline", "submitted_at", "partition", ...metricHeaders];
  const lines = board.rows.map((r) =>
    [
      r.rank, r.tier, r.entrant, r.submissionId, r.name, r.kind, r.isBaseline, r.createdAt.toISOString(), board.partition,
      ...board.columns.flatMap((c) => {
        const m = r.metrics[c.name];
        return [m?.value, m?.ciLow, m?.ciHigh, m?.n];
      }),
    ].map(cell).join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}
