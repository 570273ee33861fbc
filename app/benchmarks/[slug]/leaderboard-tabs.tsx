import Link from "next/link";
import type { Leaderboard } from "@/lib/server/leaderboard";
import type { LinkTo } from "./leaderboard-links";

const tab = (active: boolean) =>
  `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`;

const lock = (
  <svg viewBox="0 0 16 16" className="ml-1 inline h-3.5 w-3.5 align-[-2px]" aria-label="sealed" fill="currentColor">
    <path d="M5 7V5a3 3 0 1 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z" />
  </svg>
);

/**
 * The partition tabs (the private one locked until the reveal, and marked when a sealed request fell back to the
 * public one), the mode tabs and the CSV export of exactly the board shown.
 */
export function LeaderboardTabs({
  slug,
  board,
  sealed,
  link,
}: {
  slug: string;
  board: Leaderboard;
  sealed: boolean;
  link: LinkTo;
}) {
  const href = (p: string, m: string) => link({ partition: p, mode: m });
  const { mode } = board;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex gap-1 rounded-lg bg-slate-100 p-1" role="tablist" aria-label="Partition">
        <Link
          href={href("public", mode)}
          className={tab(board.partition === "public" && !sealed)}
          data-testid="partition-public"
        >
          Public partition
        </Link>
        <Link
          href={href("private", mode)}
          className={tab(board.partition === "private" || sealed)}
          data-testid="partition-private"
        >
          Private partition
          {!board.benchmark.phase?.privateRevealed && lock}
        </Link>
      </div>
      <div className="flex items-center gap-3">
        <div className="flex gap-1 rounded-lg bg-slate-100 p-1" role="tablist" aria-label="Entries">
          <Link href={href(board.partition, "best")} className={tab(mode === "best")} data-testid="mode-best">
            Best per team
          </Link>
          <Link href={href(board.partition, "all")} className={tab(mode === "all")} data-testid="mode-all">
            All entries
          </Link>
        </div>
        <a
          href={`/api/benchmarks/${slug}/leaderboard?partition=${board.partition}&mode=${mode}&version=${board.version}&format=csv`}
          className="btn-secondary"
          data-testid="csv-link"
          download
        >
          Export CSV
        </a>
      </div>
    </div>
  );
}
