"use client";

import Link from "next/link";
import type { Leaderboard } from "@/lib/server/leaderboard";
import { Badge } from "../../_components/badges";
import { formatDate, formatInterval, formatMetric } from "../../_components/format";

type Props = Pick<Leaderboard, "columns" | "rows" | "partition">;
type Column = Leaderboard["columns"][number];
type Row = Leaderboard["rows"][number];

/**
 * A client component on purpose: the page then ships the rows once as data instead of a serialized element tree
 * per cell, which keeps a long leaderboard's page small and quick to render.
 */
export function LeaderboardTable({ columns, rows, partition }: Props) {
  if (rows.length === 0) {
    return (
      <div className="card p-10 text-center text-slate-500" data-testid="leaderboard-empty">
        No scored entries yet{partition === "private" ? " on the private partition" : ""}.
      </div>
    );
  }
  return (
    <div className="card overflow-x-auto">
      <table className="w-full min-w-[640px] text-sm" data-testid="leaderboard">
        <LeaderboardHead columns={columns} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <LeaderboardRow key={r.submissionId} row={r} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LeaderboardHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
      <tr>
        <th className="w-8 px-2 py-3">
          <span className="sr-only">Compare</span>
        </th>
        <th className="px-4 py-3" title="Rank; the tier groups entries whose 95% interval overlaps the tier leader's">
          #
        </th>
        <th className="px-4 py-3">Entry</th>
        {columns.map((c) => (
          <th
            key={c.name}
            className="px-4 py-3 text-right"
            title={c.higherIsBetter ? "higher is better" : "lower is better"}
          >
            {c.label} {c.primary && <span className="text-brand-600">★</span>}
            <span className="ml-1 normal-case text-slate-400">{c.higherIsBetter ? "↑" : "↓"}</span>
          </th>
        ))}
        <th className="px-4 py-3 text-right">Submitted</th>
      </tr>
    </thead>
  );
}

function LeaderboardRow({ row: r, columns }: { row: Row; columns: Column[] }) {
  return (
    <tr
      className={r.tier % 2 === 1 ? "bg-white" : "bg-slate-50/60"}
      data-testid="leaderboard-row"
      data-submission-id={r.submissionId}
    >
      <td className="px-2 py-3 align-top">
        <input
          type="checkbox"
          name="id"
          value={r.submissionId}
          aria-label={`Compare ${r.name}`}
          data-testid="compare-checkbox"
        />
      </td>
      <td className="px-4 py-3 align-top">
        <div className="font-semibold tabular-nums">{r.rank}</div>
        <div className="text-xs text-slate-400" title="Entries in one tier are not separable at 95%">
          tier {r.tier}
        </div>
      </td>
      <EntryCell row={r} />
      {columns.map((c) => (
        <MetricCell key={c.name} column={c} metric={r.metrics[c.name]} />
      ))}
      <td className="px-4 py-3 text-right align-top text-xs text-slate-500">{formatDate(r.createdAt)}</td>
    </tr>
  );
}

function EntryCell({ row: r }: { row: Row }) {
  return (
    <td className="px-4 py-3 align-top">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/submissions/${r.submissionId}`} className="font-medium" data-testid="leaderboard-entry-name">
          {r.name}
        </Link>
        {r.isBaseline && (
          <Badge tone="info" testId="baseline-badge">
            baseline
          </Badge>
        )}
        <Badge>{r.kind}</Badge>
      </div>
      <div className="text-xs text-slate-500">
        {r.entrant}
        {r.reevaluationOf && (
          <>
            {" · "}
            <Link href={`/submissions/${r.reevaluationOf.submissionId}`} data-testid="reevaluated-from">
              re-evaluated from v{r.reevaluationOf.version}
            </Link>
          </>
        )}
      </div>
    </td>
  );
}

function MetricCell({ column: c, metric: m }: { column: Column; metric: Row["metrics"][string] | undefined }) {
  return (
    <td className="px-4 py-3 text-right align-top tabular-nums" data-metric={c.name}>
      {m ? (
        <>
          <div className={c.primary ? "font-semibold" : ""}>{formatMetric(c, m.value)}</div>
          <div className="text-xs text-slate-400">{formatInterval(c, m)}</div>
        </>
      ) : (
        <span className="text-slate-300">—</span>
      )}
    </td>
  );
}
