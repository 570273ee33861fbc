import type { MetricColumn } from "@/evaluator/tracks/definitions";
import type { SubmissionView } from "@/lib/server/submission-view";
import { MetricValue } from "../../_components/metric-value";
import { AtariGameTable, MetaWorldTaskTable } from "./track-tables";

function ScoreTable({ s, columns }: { s: SubmissionView; columns: MetricColumn[] }) {
  const partitions = (["public", "private"] as const).filter((p) => s.scores.some((x) => x.partition === p));
  if (partitions.length === 0) return <p className="text-sm text-slate-500">No scores yet.</p>;
  return (
    <table className="w-full text-sm" data-testid="submission-scores">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2">Partition</th>
          {columns.map((c) => (
            <th key={c.name} className="py-2 text-right">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {partitions.map((p) => (
          <tr key={p} data-partition={p}>
            <td className="py-2">{p}</td>
            {columns.map((c) => (
              <td key={c.name} className="py-2 text-right tabular-nums">
                <MetricValue column={c} score={s.scores.find((x) => x.partition === p && x.metric === c.name)} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The entry's scores per partition in its track's columns, then per task or per game where the track has them. */
export function SubmissionScores({ s, columns }: { s: SubmissionView; columns: MetricColumn[] }) {
  return (
    <section className="card p-5">
      <h2 className="mb-3 font-semibold">Scores</h2>
      <ScoreTable s={s} columns={columns} />
      {s.metaworldTasks.length > 0 && (
        <div className="mt-5">
          <h3 className="mb-2 text-sm font-semibold">Per task</h3>
          <MetaWorldTaskTable rows={s.metaworldTasks} />
        </div>
      )}
      {s.atariGames.length > 0 && (
        <div className="mt-5">
          <h3 className="mb-2 text-sm font-semibold">Per game</h3>
          <AtariGameTable rows={s.atariGames} />
        </div>
      )}
      {!s.privateRevealed && (
        <p className="mt-3 text-xs text-slate-500">
          Private-partition scores stay hidden until the phase&apos;s reveal time.
        </p>
      )}
    </section>
  );
}
